/**
 * The intelligence feeds: which adapter syncs each, with which options from the configuration,
 * and the offline readers `vigil feeds import` offers files to.
 */
import type { VigilConfig } from '../config/config.ts';
import { csafSource, type CsafProvider } from '../sources/csaf/csaf.source.ts';
import { csafReader } from '../sources/csaf/csaf.reader.ts';
import { epssSource } from '../sources/epss/epss.source.ts';
import { ghsaReader, ghsaSource } from '../sources/ghsa/ghsa.source.ts';
import { kevSource } from '../sources/kev/kev.source.ts';
import { nvdSource } from '../sources/nvd/nvd.source.ts';
import { osvReader } from '../sources/osv/osv.reader.ts';
import { osvSource } from '../sources/osv/osv.source.ts';
import { createNvdReader } from '../sources/nvd/nvd.reader.ts';
import { createCveRecordReader } from '../sources/nvd/cve.reader.ts';
import { createKevReader } from '../sources/kev/kev.reader.ts';
import { createEpssReader } from '../sources/epss/epss.reader.ts';
import type { HttpDeps, OfflineReader, SourceBatch } from '../sources/source.ts';

/** The intelligence feeds Vigil knows, in the order a full sync runs them. */
export const feedNames = ['osv', 'ghsa', 'nvd', 'csaf', 'kev', 'epss'] as const;
export type FeedName = (typeof feedNames)[number];

export function isFeedName(s: string): s is FeedName {
  return (feedNames as readonly string[]).includes(s);
}

export const realHttp: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => new Date(),
};

function csafProviders(config: VigilConfig): CsafProvider[] {
  return config.csafProviders.map((url) => ({ name: url.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase() || url, url }));
}

/** The batches of one feed from a watermark, with options taken from the configuration. */
export function feedBatches(name: FeedName, config: VigilConfig, watermark: unknown, http: HttpDeps = realHttp): AsyncIterable<SourceBatch> {
  const base = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
  switch (name) {
    case 'osv':
      return osvSource.sync(base({ ecosystems: config.osvEcosystems, baseUrl: config.osvBaseUrl ?? undefined }), watermark, http);
    case 'ghsa':
      return ghsaSource.sync(base({ archiveUrl: config.ghsaArchiveUrl ?? undefined }), watermark, http);
    case 'nvd':
      return nvdSource.sync(base({ baseUrl: config.nvdBaseUrl ?? undefined, apiKey: config.nvdApiKey }), watermark, http);
    case 'csaf':
      return csafSource.sync({ providers: csafProviders(config), includeDefaults: config.csafIncludeCisa }, watermark, http);
    case 'kev':
      return kevSource.sync(base({ url: config.kevUrl ?? undefined }), watermark, http);
    case 'epss':
      return epssSource.sync(base({ baseUrl: config.epssBaseUrl ?? undefined }), watermark, http);
  }
}

/** Readers for raw source files, most specific first. */
export async function offlineReaders(): Promise<OfflineReader[]> {
  return [csafReader, ghsaReader, createKevReader(), createEpssReader(), createCveRecordReader(), createNvdReader(), osvReader];
}

export function cronFor(name: FeedName, config: VigilConfig): string {
  return { osv: config.syncCronOsv, ghsa: config.syncCronGhsa, nvd: config.syncCronNvd, csaf: config.syncCronCsaf, kev: config.syncCronKev, epss: config.syncCronEpss }[name];
}
