/**
 * The bundle file: a zip holding manifest.json, manifest.sig (Ed25519, optional) and the JSON-lines
 * entries, written and read as streams so that a bundle of the whole OSV and NVD fits in memory.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { Unzip, UnzipInflate, Zip, ZipDeflate } from 'fflate';
import { VigilError } from '../domain/errors.ts';
import type { BundleEntryInfo, BundleEntryName, BundleManifest, BundleReader, BundleWriter } from '../app/feed-bundle.ts';

const encoder = new TextEncoder();

function keyId(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function loadSigningKey(pemFile: string): KeyObject {
  try {
    const key = createPrivateKey(readFileSync(pemFile));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is a ${key.asymmetricKeyType} key; an Ed25519 key is needed`);
    return key;
  } catch (err) {
    throw new VigilError('CONFIG_INVALID', `bundleSigningKey ${pemFile}: ${(err as Error).message}`);
  }
}

export function loadTrustedKeys(pemFiles: readonly string[]): KeyObject[] {
  return pemFiles.map((f) => {
    try {
      return createPublicKey(readFileSync(f));
    } catch (err) {
      throw new VigilError('CONFIG_INVALID', `bundleTrustedKeys ${f}: ${(err as Error).message}`);
    }
  });
}

export function createBundleWriter(path: string, signingKey: KeyObject | null): BundleWriter {
  const out = createWriteStream(path);
  let failed: Error | null = null;
  out.on('error', (err) => (failed = err));
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.write(chunk);
  });
  return {
    async writeEntry(name: BundleEntryName, lines: AsyncIterable<string>): Promise<BundleEntryInfo> {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      const hash = createHash('sha256');
      let bytes = 0;
      let records = 0;
      for await (const line of lines) {
        const data = encoder.encode(`${line}\n`);
        hash.update(data);
        bytes += data.byteLength;
        records += 1;
        file.push(data);
        if (failed) throw failed;
      }
      file.push(new Uint8Array(0), true);
      return { sha256: hash.digest('hex'), bytes, records };
    },
    async finish(manifestJson: string) {
      const manifestBytes = encoder.encode(manifestJson);
      const m = new ZipDeflate('manifest.json', { level: 6 });
      zip.add(m);
      m.push(manifestBytes, true);
      let id: string | null = null;
      if (signingKey) {
        id = keyId(signingKey);
        const sig = new ZipDeflate('manifest.sig', { level: 0 });
        zip.add(sig);
        sig.push(encoder.encode(JSON.stringify({ algorithm: 'Ed25519', keyId: id, signature: sign(null, manifestBytes, signingKey).toString('base64') })), true);
      }
      zip.end();
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      if (failed) throw failed;
      return { signed: signingKey !== null, keyId: id };
    },
  };
}

/** Streams the entries of a zip file as decompressed chunks, entry by entry. */
async function* zipChunks(path: string, wanted: (name: string) => boolean): AsyncGenerator<{ name: string; data: Uint8Array; final: boolean }> {
  const pending: Array<{ name: string; data: Uint8Array; final: boolean }> = [];
  let error: Error | null = null;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    file.ondata = (err, data, final) => {
      if (err) error = err;
      else pending.push({ name: file.name, data, final });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    unzip.push(chunk as Uint8Array);
    if (error) throw new VigilError('BUNDLE_INVALID', `the bundle is not a readable zip: ${(error as Error).message}`);
    while (pending.length) yield pending.shift()!;
  }
  unzip.push(new Uint8Array(0), true);
  while (pending.length) yield pending.shift()!;
}

export function openBundleReader(path: string, trustedKeys: readonly KeyObject[]): BundleReader {
  return {
    async verify() {
      let manifestText = '';
      let sigText = '';
      const hashes = new Map<string, { hash: ReturnType<typeof createHash>; bytes: number }>();
      const decoder = new TextDecoder();
      try {
        for await (const { name, data } of zipChunks(path, () => true)) {
          if (name === 'manifest.json') manifestText += decoder.decode(data, { stream: true });
          else if (name === 'manifest.sig') sigText += decoder.decode(data, { stream: true });
          else {
            let h = hashes.get(name);
            if (!h) hashes.set(name, (h = { hash: createHash('sha256'), bytes: 0 }));
            h.hash.update(data);
            h.bytes += data.byteLength;
          }
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') throw new VigilError('BUNDLE_INVALID', `no bundle at ${path}`);
        throw err;
      }
      if (!manifestText) throw new VigilError('BUNDLE_INVALID', 'the bundle has no manifest.json');
      let manifest: BundleManifest;
      try {
        manifest = JSON.parse(manifestText) as BundleManifest;
      } catch (err) {
        throw new VigilError('BUNDLE_INVALID', `manifest.json: ${(err as Error).message}`);
      }
      for (const [name, info] of Object.entries(manifest.entries ?? {})) {
        const h = hashes.get(name);
        const digest = h ? h.hash.digest('hex') : null;
        if (!h) throw new VigilError('BUNDLE_INVALID', `entry ${name} named by the manifest is missing`);
        if (digest !== info.sha256 || h.bytes !== info.bytes) throw new VigilError('BUNDLE_CHECKSUM_MISMATCH', `entry ${name} does not match its checksum in the manifest (altered or truncated)`);
      }
      let signature: 'trusted' | 'unsigned' | 'signed-untrusted' = 'unsigned';
      let id: string | null = null;
      if (sigText) {
        const sig = JSON.parse(sigText) as { keyId: string; signature: string };
        id = sig.keyId;
        const manifestBytes = encoder.encode(manifestText);
        const good = trustedKeys.some((k) => verify(null, manifestBytes, k, Buffer.from(sig.signature, 'base64')));
        if (!good && trustedKeys.some((k) => keyId(k) === sig.keyId)) throw new VigilError('BUNDLE_SIGNATURE_INVALID', `the manifest's signature by trusted key ${sig.keyId} does not verify: the bundle was altered`);
        signature = good ? 'trusted' : 'signed-untrusted';
      }
      return { manifest, signature, keyId: id };
    },
    async *lines(name: BundleEntryName) {
      const decoder = new TextDecoder();
      let rest = '';
      for await (const { data, final } of zipChunks(path, (n) => n === name)) {
        rest += decoder.decode(data, { stream: !final });
        const parts = rest.split('\n');
        rest = parts.pop()!;
        for (const p of parts) yield p;
      }
      if (rest) yield rest;
    },
  };
}
