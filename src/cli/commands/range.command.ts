import type { Command } from '../command.ts';

export const rangeCommands: readonly Command[] = [];
