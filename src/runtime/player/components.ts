/**
 * The interactive components the player mounts into placeholders, by kind. A kind is either
 * registered with its code, or lazily: a loader that fetches its bundle the first time a page
 * needs it, so a reading page on a slow line does not wait for the test runner or the case player.
 * What a kind still owes the trainee (OwedWork) comes with its code; until a lazy kind's bundle is
 * here the player does not complete the module (see Player.evaluate).
 */
import type { MountComponent, OwedWork } from '../context.js';

export type ComponentKind = 'question' | 'test' | 'case';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['question', 'test', 'case'];

const mounters = new Map<ComponentKind, MountComponent>();
const owers = new Map<ComponentKind, OwedWork>();
/** A lazy kind's code once its bundle has run. */
export interface LoadedComponent {
  readonly mount: MountComponent;
  readonly owes?: OwedWork;
}

const loaders = new Map<ComponentKind, () => Promise<LoadedComponent>>();
const loading = new Map<ComponentKind, Promise<MountComponent | undefined>>();

export function registerComponent(kind: ComponentKind, mount: MountComponent, owes?: OwedWork): void {
  mounters.set(kind, mount);
  if (owes) owers.set(kind, owes);
  else owers.delete(kind);
}

export function registerLazyComponent(kind: ComponentKind, load: () => Promise<LoadedComponent>): void {
  loaders.set(kind, load);
}

/** Whether the kind's code is still to be fetched (its bundle not run yet). */
export function isPending(kind: ComponentKind): boolean {
  return !mounters.has(kind) && loaders.has(kind);
}

/** The kind's code, when it is already here. */
export function mounterFor(kind: ComponentKind): MountComponent | undefined {
  return mounters.get(kind);
}

export function owedWorkFor(kind: ComponentKind): OwedWork | undefined {
  return owers.get(kind);
}

/** Whether this build can show the kind at all (now or once loaded). */
export function hasComponent(kind: ComponentKind): boolean {
  return mounters.has(kind) || loaders.has(kind);
}

/** The kind's code, fetched once; undefined when this build cannot show it or the fetch failed. */
export function loadComponent(kind: ComponentKind): Promise<MountComponent | undefined> {
  const here = mounters.get(kind);
  if (here) return Promise.resolve(here);
  const known = loading.get(kind);
  if (known) return known;
  const load = loaders.get(kind);
  const promise = load
    ? load().then(
        (loaded) => {
          mounters.set(kind, loaded.mount);
          if (loaded.owes) owers.set(kind, loaded.owes);
          return loaded.mount;
        },
        (e: unknown) => {
          console.error(`[boiduong] ${kind}`, e);
          loading.delete(kind);
          return undefined;
        },
      )
    : Promise.resolve(undefined);
  loading.set(kind, promise);
  return promise;
}
