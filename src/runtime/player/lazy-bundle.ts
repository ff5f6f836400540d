/**
 * A component's own bundle (player-test.js, player-case.js beside player.js), loaded with a
 * plain <script> element so it works wherever the player does (any LMS, no module loader). The
 * bundle hands its mount function (and what the kind may still owe the trainee) over through one
 * global, `boiduongProvide`.
 */
import type { MountComponent, OwedWork } from '../context.js';
import type { ComponentKind, LoadedComponent } from './components.js';

type Provide = (kind: ComponentKind, loaded: LoadedComponent) => void;
type Waiting = Map<ComponentKind, (loaded: LoadedComponent) => void>;

const PROVIDE = 'boiduongProvide';

function waitingList(win: Window): Waiting {
  const w = win as unknown as { [PROVIDE]?: Provide; boiduongWaiting?: Waiting };
  if (!w.boiduongWaiting) {
    const waiting: Waiting = new Map();
    w.boiduongWaiting = waiting;
    w[PROVIDE] = (kind, loaded) => waiting.get(kind)?.(loaded);
  }
  return w.boiduongWaiting;
}

/** A loader for `file`, next to the bundle at `base` (the player script's own URL). */
export function bundleLoader(doc: Document, base: string, file: string, kind: ComponentKind): () => Promise<LoadedComponent> {
  return () =>
    new Promise<LoadedComponent>((resolve, reject) => {
      const win = doc.defaultView;
      if (!win) return reject(new Error('no window'));
      waitingList(win).set(kind, resolve);
      const script = doc.createElement('script');
      script.src = new URL(file, base).href;
      script.onerror = () => reject(new Error(`${file} could not be loaded`));
      doc.head.append(script);
    });
}

/** Called by a component bundle: give the player the kind's mount function and what it owes. */
export function provide(win: Window, kind: ComponentKind, mount: MountComponent, owes?: OwedWork): void {
  const w = win as unknown as { [PROVIDE]?: Provide };
  w[PROVIDE]?.(kind, owes ? { mount, owes } : { mount });
}
