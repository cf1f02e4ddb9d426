import type { Command } from '../command.ts';

export const cpeCommands: readonly Command[] = [];
