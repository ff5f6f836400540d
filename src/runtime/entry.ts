/** The player bundle's entry (esbuild → player/player.js): read the module data, pick the tracker, start. */
import type { ModulePackage } from '../core/package.js';
import { Player } from './player/player.js';
import { registerComponent } from './player/components.js';
import { mountQuestion, mountTest } from './quiz/index.js';
import { mountCase } from './case/index.js';
import { STRINGS } from './player/strings.js';
import { pickTracker } from './tracking/registry.js';

registerComponent('question', mountQuestion);
registerComponent('test', mountTest);
registerComponent('case', mountCase);

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
  const player = new Player(root, data, pickTracker(data, window));
  (window as unknown as { boiduongPlayer?: Player }).boiduongPlayer = player;
  player.start().catch((e: unknown) => console.error('[boiduong]', e));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
