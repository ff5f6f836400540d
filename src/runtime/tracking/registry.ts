/**
 * Which tracker a package uses, by its format. Each format registers a factory that returns
 * undefined when its LMS/LRS is not there; the player then runs standalone (preview).
 */
import type { ModulePackage, PackageFormat } from '../../core/index.js';
import { findScorm12Api } from './scorm12-api.js';
import { Scorm12Tracker } from './scorm12.js';
import { StandaloneTracker } from './standalone.js';
import { findScorm2004Api, Scorm2004Tracker } from './scorm2004.js';
import { LmsSession, ownerOf } from './lms-session.js';
import { cmi5TrackerFor } from './cmi5.js';
import { xapiTrackerFor } from './xapi.js';
import type { Tracker } from './tracker.js';

export type TrackerFactory = (data: ModulePackage, win: Window) => Tracker | undefined;

const factories = new Map<PackageFormat, TrackerFactory>();

export function registerTracker(format: PackageFormat, factory: TrackerFactory): void {
  factories.set(format, factory);
}

/**
 * One factory per format. A package's player bundle registers only its own format's factory
 * (runtime/entries/), so a SCORM 1.2 page does not carry the cmi5/xAPI trackers and the queue.
 */
export const scorm12Factory: TrackerFactory = (_data, win) => {
  const api = findScorm12Api(win);
  return api ? new Scorm12Tracker(api, { onError: (m) => console.warn(`[boiduong] ${m}`) }) : undefined;
};

export const scorm2004Factory: TrackerFactory = (_data, win) => {
  const api = findScorm2004Api(win);
  if (!api) return undefined;
  const session = new LmsSession(api, 'Terminate', ownerOf(win, api, 'API_1484_11'), win);
  return new Scorm2004Tracker(api, { onError: (m) => console.warn(`[boiduong] ${m}`), session });
};

export const cmi5Factory: TrackerFactory = (data, win) => cmi5TrackerFor(data, win, { onError: (m) => console.warn(`[boiduong] ${m}`) });

export const xapiFactory: TrackerFactory = (data, win) => xapiTrackerFor(data, win, { onError: (m) => console.warn(`[boiduong] ${m}`) });

export const TRACKER_FACTORIES = { scorm12: scorm12Factory, scorm2004: scorm2004Factory, cmi5: cmi5Factory, xapi: xapiFactory } as const;

export function standaloneKey(data: ModulePackage): string {
  return `boiduong:${data.course.id}:${data.module.id}`;
}

export function pickTracker(data: ModulePackage, win: Window = window): Tracker {
  return factories.get(data.format)?.(data, win) ?? new StandaloneTracker(standaloneKey(data));
}
