/** Starting the player on the page: read the module data, pick the tracker, start; standalone if that fails. */
import type { ModulePackage } from '../../core/index.js';
import { Player, STRINGS } from '../player/index.js';
import { pickTracker, standaloneKey, StandaloneTracker } from '../tracking/index.js';

function boot(): void {
  const root = document.getElementById('bd-player');
  const script = document.getElementById('bd-data');
  if (!root || !script) return;
  let data: ModulePackage;
  try {
    data = JSON.parse(script.textContent ?? '') as ModulePackage;
  } catch {
    root.textContent = `${STRINGS.vi.badData} / ${STRINGS.en.badData}`;
    return;
  }
  const start = (player: Player): Promise<void> => {
    (window as unknown as { boiduongPlayer?: Player }).boiduongPlayer = player;
    return player.start();
  };
  start(new Player(root, data, pickTracker(data, window))).catch((e: unknown) => {
    // The LMS/LRS failed to start: the learner can still read the module, progress stays local.
    console.error('[boiduong]', e);
    return start(new Player(root, data, new StandaloneTracker(standaloneKey(data))));
  });
}

export function startWhenReady(): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
}
