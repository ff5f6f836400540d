/** The interactive components the player mounts into placeholders, by kind. */
import type { MountComponent, OwedWork } from '../context.js';

export type ComponentKind = 'question' | 'test' | 'case';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['question', 'test', 'case'];

const mounters = new Map<ComponentKind, MountComponent>();
const owers = new Map<ComponentKind, OwedWork>();

export function registerComponent(kind: ComponentKind, mount: MountComponent, owes?: OwedWork): void {
  mounters.set(kind, mount);
  if (owes) owers.set(kind, owes);
  else owers.delete(kind);
}

export function mounterFor(kind: ComponentKind): MountComponent | undefined {
  return mounters.get(kind);
}

export function owedWorkFor(kind: ComponentKind): OwedWork | undefined {
  return owers.get(kind);
}
