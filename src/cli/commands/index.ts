/** Every subcommand, in the order `boiduong --help` lists them. One line per command file. */
import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { caseCommand } from './case.js';

export const commands: readonly Command[] = [
  buildCommand,
  caseCommand,
];
