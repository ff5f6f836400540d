/** Every package format the compiler can build. One line per target. */
import type { PackageFormat } from '../../core/package.js';
import type { Target } from '../target.js';
import { scorm12Target } from './scorm12/manifest.js';

export const TARGETS: readonly Target[] = [
  scorm12Target,
];

export function targetFor(format: string): Target | undefined {
  return TARGETS.find((t) => t.format === format);
}

export function registeredFormats(): PackageFormat[] {
  return TARGETS.map((t) => t.format);
}
