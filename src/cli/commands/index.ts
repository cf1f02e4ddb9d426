import type { Command } from '../command.ts';
import { purlCommands } from './purl.command.ts';
import { cpeCommands } from './cpe.command.ts';
import { versionCommands } from './version.command.ts';
import { rangeCommands } from './range.command.ts';
import { clocksCommands } from './clocks.command.ts';
import { foundationCommands } from './foundation.command.ts';
import { vulnsCommands } from './vulns.command.ts';
import { feedsCommands } from './feeds.command.ts';
import { findingsCommands } from './findings.command.ts';
import { scanCommands } from './scan.command.ts';
import { caseCommands } from './case.command.ts';
import { notifyCommands } from './notify.command.ts';

/** Every command of the `vigil` program. Each area owns one module. */
export const allCommands: readonly Command[] = [
  ...foundationCommands,
  ...vulnsCommands,
  ...feedsCommands,
  ...findingsCommands,
  ...scanCommands,
  ...versionCommands,
  ...rangeCommands,
  ...purlCommands,
  ...cpeCommands,
  ...clocksCommands,
  ...caseCommands,
  ...notifyCommands,
];
