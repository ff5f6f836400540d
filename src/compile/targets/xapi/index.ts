/** Plain xAPI (Tin Can) package target. */
export { xapiTarget, tincanXml, launchPage, LAUNCH_PAGE } from './tincan.js';
