/** runtime/entries: the bundles' entry points (build/build.mjs); what other folders use of them. */
export { startWhenReady } from './boot.js';
export { startFormatBundle } from './format.js';
