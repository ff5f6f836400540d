/** Browser test harness: serve a package on 127.0.0.1, host it under scorm-again, read back the CMI. */
export type { Mount, StaticServer } from './server.js';
export { serve } from './server.js';
export type { ZipFile } from './zip-read.js';
export { readZip, extractZip } from './zip-read.js';
export type { ScormVersion, HostOptions, ApiCall } from './lms-host.js';
export { hostPage, readCmi, apiCalls, scoFrame, closeSco, nextLaunchCmi12, repoRoot, scormAgainDir } from './lms-host.js';
export type { ServedPackage } from './package.js';
export { buildRuntime, servePackage } from './package.js';
export { launchChromium } from '../../support/browser.js';
