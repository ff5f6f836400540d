/** Every package format the compiler can build. One line per target. */
import type { PackageFormat } from '../../core/index.js';
import type { Target } from '../target.js';
import { scorm12Target } from './scorm12/index.js';
import { scorm2004Target } from './scorm2004/index.js';
import { cmi5Target } from './cmi5/index.js';
import { xapiTarget } from './xapi/index.js';

export const TARGETS: readonly Target[] = [
  scorm12Target,
  scorm2004Target,
  cmi5Target,
  xapiTarget,
];

export function targetFor(format: string): Target | undefined {
  return TARGETS.find((t) => t.format === format);
}

export function registeredFormats(): PackageFormat[] {
  return TARGETS.map((t) => t.format);
}
