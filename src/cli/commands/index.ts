/**
 * Every subcommand, in the order `boiduong --help` lists them. Each loads on demand, so running
 * one command does not load the libraries of all the others (a quick start on a slow machine).
 */
import type { Command } from '../command.js';

export const commands: ReadonlyArray<readonly [name: string, load: () => Promise<Command>]> = [
  ['start', async () => (await import('./start.js')).startCommand],
  ['lint', async () => (await import('./lint.js')).lintCommand],
  ['build', async () => (await import('./build.js')).buildCommand],
  ['case', async () => (await import('./case.js')).caseCommand],
  ['import', async () => (await import('./import.js')).importCommand],
  ['report', async () => (await import('./report.js')).reportCommand],
  ['class', async () => (await import('./class.js')).classCommand],
  ['lrs', async () => (await import('./lrs.js')).lrsCommand],
  ['moodle', async () => (await import('./moodle.js')).moodleCommand],
];
