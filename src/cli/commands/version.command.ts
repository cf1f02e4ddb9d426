import type { Command } from '../command.ts';

export const versionCommands: readonly Command[] = [];
