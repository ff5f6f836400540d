/**
 * What every per-format bundle (player-<format>.js, copied into a package as player/player.js)
 * has: knowledge checks in the bundle, tests and cases as bundles of their own beside it.
 */
import { bundleLoader, registerComponent, registerLazyComponent } from '../player/index.js';
import { mountQuestion } from '../quiz/index.js';
import { startWhenReady } from './boot.js';

export function startFormatBundle(): void {
  // The lazy bundles sit next to this script, wherever the package is served from.
  const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : document.baseURI;
  registerComponent('question', mountQuestion);
  registerLazyComponent('test', bundleLoader(document, self, 'player-test.js', 'test'));
  registerLazyComponent('case', bundleLoader(document, self, 'player-case.js', 'case'));
  startWhenReady();
}
