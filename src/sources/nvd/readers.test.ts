import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createEpssReader } from '../epss/epss.reader.ts';
import { createKevReader } from '../kev/kev.reader.ts';
import type { OfflineReader, SourceBatch } from '../source.ts';
import { createCveRecordReader } from './cve.reader.ts';
import { createNvdReader } from './nvd.reader.ts';

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/feeds/${p}`, import.meta.url)));
const cveObject = JSON.parse(new TextDecoder().decode(fixture('nvd/cve-record.json'))) as Record<string, unknown>;
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2));

const nvdPage = enc({ resultsPerPage: 2, startIndex: 0, totalResults: 2, format: 'NVD_CVE', version: '2.0', timestamp: '2099-03-01T00:00:00.000', vulnerabilities: [{ cve: cveObject }, { cve: { ...cveObject, id: 'CVE-2099-0002' } }] });
const files: Record<string, Uint8Array> = {
  'page.json': nvdPage,
  'nvdcve-2.0-2099.json.gz': gzipSync(nvdPage),
  'nvdcve-2.0-2099.json.zip': zipSync({ 'nvdcve-2.0-2099.json': nvdPage }),
  'CVE-2099-0001.json': enc({ cve: cveObject }),
  'bare-cve.json': enc(cveObject),
  'cve5/CVE-2099-0001.json': fixture('nvd/cve5-record.json'),
  'known_exploited_vulnerabilities.json': fixture('kev/catalog.json'),
  'epss_scores-2099-03-01.csv': fixture('epss/epss_scores-2099-03-01.csv'),
  'epss_scores-2099-03-01.csv.gz': gzipSync(fixture('epss/epss_scores-2099-03-01.csv')),
};

const readers: Record<string, OfflineReader> = { nvd: createNvdReader({ batchSize: 1 }), cve: createCveRecordReader(), kev: createKevReader(), epss: createEpssReader() };

async function collect(it: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describe('offline readers', () => {
  it('each file is claimed by exactly one reader, judged by content', () => {
    const claims = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, Object.entries(readers).filter(([, r]) => r.detect(name.replace(/^.*\//u, 'x-'), bytes.subarray(0, 4096))).map(([k]) => k)]));
    expect(claims).toEqual({
      'page.json': ['nvd'],
      'nvdcve-2.0-2099.json.gz': ['nvd'],
      'nvdcve-2.0-2099.json.zip': ['nvd'],
      'CVE-2099-0001.json': ['nvd'],
      'bare-cve.json': ['nvd'],
      'cve5/CVE-2099-0001.json': ['cve'],
      'known_exploited_vulnerabilities.json': ['kev'],
      'epss_scores-2099-03-01.csv': ['epss'],
      'epss_scores-2099-03-01.csv.gz': ['epss'],
    });
    expect(Object.values(readers).some((r) => r.detect('notes.txt', new TextEncoder().encode('hello')))).toBe(false);
  });

  it('NVD: pages, gz and zip feed files give the same advisories in batches, without a watermark', async () => {
    for (const name of ['page.json', 'nvdcve-2.0-2099.json.gz', 'nvdcve-2.0-2099.json.zip']) {
      const batches = await collect(readers.nvd!.read(name, files[name]!));
      expect(batches.map((b) => b.advisories!.map((a) => a.id))).toEqual([['CVE-2099-0001'], ['CVE-2099-0002']]);
      expect(batches.every((b) => b.watermark === null)).toBe(true);
      expect(batches[1]!.raw!.get('CVE-2099-0002')).toMatchObject({ cisaExploitAdd: '2099-01-05' });
    }
    const [single] = await collect(readers.nvd!.read('CVE-2099-0001.json', files['CVE-2099-0001.json']!));
    expect(single!.advisories!.map((a) => a.source)).toEqual(['nvd']);
  });

  it('CVE JSON 5: one record, source cve; a broken one is a problem', async () => {
    const [b] = await collect(readers.cve!.read('CVE-2099-0001.json', files['cve5/CVE-2099-0001.json']!));
    expect(b!.advisories!.map((a) => [a.source, a.id])).toEqual([['cve', 'CVE-2099-0001']]);
    const broken = JSON.parse(new TextDecoder().decode(files['cve5/CVE-2099-0001.json'])) as { containers: { cna: { metrics: Array<Record<string, unknown>> } } };
    broken.containers.cna.metrics[1] = { cvssV3_1: { version: '3.1', baseScore: 9.8 } };
    const [p] = await collect(readers.cve!.read('broken.json', enc(broken)));
    expect(p!.advisories).toEqual([]);
    expect(p!.problems![0]).toMatchObject({ source: 'cve', id: 'CVE-2099-0001', location: 'broken.json:$.containers.cna.metrics[1].cvssV3_1.vectorString' });
  });

  it('KEV and EPSS files read into entries and scores; EPSS takes the date from the name when the file has none', async () => {
    const [k] = await collect(readers.kev!.read('kev.json', files['known_exploited_vulnerabilities.json']!));
    expect(k!.kev).toHaveLength(2);
    expect(k!.problems).toHaveLength(1);
    const e = await collect(readers.epss!.read('epss_scores-2099-03-01.csv.gz', files['epss_scores-2099-03-01.csv.gz']!));
    expect(e.flatMap((b) => b.epss!)).toHaveLength(4);
    const noComment = new TextEncoder().encode('cve,epss,percentile\nCVE-2099-0009,0.2,0.9\n');
    const [d] = await collect(readers.epss!.read('epss_scores-2099-02-27.csv', noComment));
    expect(d!.epss).toEqual([{ cve: 'CVE-2099-0009', epss: 0.2, percentile: 0.9, date: '2099-02-27' }]);
  });

  it('refuses bombs and oversized files as a problem, not a crash', async () => {
    const small = { limits: { maxDocumentBytes: 1024 * 1024, maxArchiveBytes: 2 * 1024 * 1024, maxCompressionRatio: 50 } };
    const bomb = gzipSync(Buffer.concat([Buffer.from('#model_version:v1,score_date:2099-03-02T00:00:00+0000\ncve,epss,percentile\n'), Buffer.alloc(4 * 1024 * 1024, 0x30)]));
    const [e] = await collect(createEpssReader(small).read('epss_scores-2099-03-02.csv.gz', bomb));
    expect(e!.problems![0]!.reason).toMatch(/declares 4194\d+ bytes uncompressed/u);
    const zipBomb = zipSync({ 'nvdcve-2.0-2099.json': new Uint8Array(3 * 1024 * 1024).fill(0x20) });
    const [z] = await collect(createNvdReader(small).read('nvdcve-2.0-2099.json.zip', zipBomb));
    expect(z!.problems![0]!.reason).toMatch(/over the limits|zip bomb/u);
    const [big] = await collect(createKevReader({ limits: { ...small.limits, maxDocumentBytes: 100 } }).read('kev.json', files['known_exploited_vulnerabilities.json']!));
    expect(big!.problems![0]!.reason).toMatch(/over the 100-byte limit/u);
  });
});
