import type { Command } from '../command.ts';

export const clocksCommands: readonly Command[] = [];
