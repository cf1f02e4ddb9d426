import type { Command } from '../command.ts';

export const purlCommands: readonly Command[] = [];
