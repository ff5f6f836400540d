/** The interactive components the player mounts into placeholders, by kind. */
import type { MountComponent } from '../context.js';

export type ComponentKind = 'question' | 'test' | 'case';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['question', 'test', 'case'];

const mounters = new Map<ComponentKind, MountComponent>();

export function registerComponent(kind: ComponentKind, mount: MountComponent): void {
  mounters.set(kind, mount);
}

export function mounterFor(kind: ComponentKind): MountComponent | undefined {
  return mounters.get(kind);
}
