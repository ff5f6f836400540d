/** runtime/player: what the other folders import from this one. */
export { Player } from './player.js';
export type { PlayerOptions } from './player.js';
export { registerComponent, registerLazyComponent, mounterFor, owedWorkFor, hasComponent, isPending, loadComponent, COMPONENT_KINDS } from './components.js';
export type { LoadedComponent } from './components.js';
export { bundleLoader, provide } from './lazy-bundle.js';
export type { ComponentKind } from './components.js';
export { STRINGS } from './strings.js';
export { emptyState, parseState, serializeState, serializeWithin, encodeSeen, decodeSeen } from './state.js';
export type { PlayerState, OutcomeSummary } from './state.js';
export { moduleResult } from './grade.js';
export type { GradedComponent } from './grade.js';
