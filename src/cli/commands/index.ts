/** Every subcommand, in the order `boiduong --help` lists them. One line per command file. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { caseCommand } from './case.js';
import { lintCommand } from './lint.js';
import { importCommand } from './import.js';
import { reportCommand } from './report.js';
import { startCommand } from './start.js';
import { lrsCommand } from './lrs.js';

export const commands: readonly Command[] = [
  startCommand,
  lintCommand,
  buildCommand,
  caseCommand,
  importCommand,
  reportCommand,
  lrsCommand,
];
