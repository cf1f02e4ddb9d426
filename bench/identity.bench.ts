/** Identity throughput: purl parses per second and CPE matches per second. */
import { compareCpe, parseCpe } from '../src/domain/identity/cpe.ts';
import { normalizePurl, parsePurl } from '../src/domain/identity/purl.ts';

const PURLS = [
  'pkg:npm/%40angular/animation@12.3.1',
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
  'pkg:PYPI/Django_package@1.11.1.dev1',
  'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
  'pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations',
  'pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da',
  'pkg:rpm/fedora/centerim@4.22.10-1.el6?arch=i686&epoch=1&distro=fedora-25',
  'pkg:nuget/EnterpriseLibrary.Common@6.0.1304',
];

const CPE_PAIRS: readonly [string, string][] = [
  ['cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*'],
  ['cpe:2.3:o:linux:linux_kernel:5.10.*:*:*:*:*:*:*:*', 'cpe:2.3:o:linux:linux_kernel:5.10.42:*:*:*:*:*:*:*'],
  ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:libcurl:7.88.1:*:*:*:*:*:*:*'],
  ['cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*'],
];

function measure(label: string, unit: string, fn: () => void, minMs = 500): void {
  for (let i = 0; i < 2000; i++) fn(); // warm up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
    elapsed = performance.now() - start;
  }
  const perSecond = Math.round((n / elapsed) * 1000);
  process.stdout.write(`${label.padEnd(40)} ${perSecond.toLocaleString('en-US').padStart(12)} ${unit}/s\n`);
}

export async function run(): Promise<void> {
  let i = 0;
  measure('identity: purl parse', 'parses', () => {
    parsePurl(PURLS[i++ % PURLS.length]!);
  });
  measure('identity: purl normalize (parse + format)', 'purls', () => {
    normalizePurl(PURLS[i++ % PURLS.length]!);
  });
  const parsed = CPE_PAIRS.map(([s, t]) => [parseCpe(s), parseCpe(t)] as const);
  measure('identity: CPE match (pre-parsed)', 'matches', () => {
    const [s, t] = parsed[i++ % parsed.length]!;
    compareCpe(s, t);
  });
  measure('identity: CPE match (parse both + match)', 'matches', () => {
    const [s, t] = CPE_PAIRS[i++ % CPE_PAIRS.length]!;
    compareCpe(s, t);
  });
}
