/** The HTTP surface of the LRS: the router frame and the resources registered on it. */
export { Router } from './router.js';
export type { Handler, LrsRequest, Route, RouterOptions } from './router.js';
export { HttpError, badRequest } from './errors.js';
export { registerResources } from './app.js';
export type { ReadSourceOf } from './app.js';
export { MoreTokens } from './statements-params.js';
export { requestVersion } from './version.js';
export type { XapiVersion } from './version.js';
export { corsHeaders, preflightHeaders } from './cors.js';
export { readBody } from './body.js';
export { mergeActivityDefinition } from './activities.js';
