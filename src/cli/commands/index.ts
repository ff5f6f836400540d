/** Every subcommand, in the order `boiduong --help` lists them. One line per command file. */
import type { Command } from '../command.js';
import { caseCommand } from './case.js';

export const commands: readonly Command[] = [
  caseCommand,
];
