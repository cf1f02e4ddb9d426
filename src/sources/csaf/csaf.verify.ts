/**
 * Integrity and authenticity of downloaded CSAF documents: `.sha256`/`.sha512` files (as written
 * by `sha256sum`: the hex digest, optionally followed by the file name) and detached OpenPGP
 * signatures (`.asc`) checked with openpgp v6 against the provider's configured public key.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';

export type HashAlgorithm = 'sha256' | 'sha512';

const HEX_LENGTH: Record<HashAlgorithm, number> = { sha256: 64, sha512: 128 };

/** The algorithm a hash file's URL names (`….sha256`, `….sha512`), or null. */
export function hashAlgorithmOf(url: string): HashAlgorithm | null {
  const path = url.split(/[?#]/u)[0]!.toLowerCase();
  if (path.endsWith('.sha256')) return 'sha256';
  if (path.endsWith('.sha512')) return 'sha512';
  return null;
}

/** Reads the digest from a hash file; null when it holds no digest of the right length. */
export function parseHashFile(text: string, algorithm: HashAlgorithm): string | null {
  const first = text.trim().split(/\s+/u)[0]?.toLowerCase() ?? '';
  return new RegExp(`^[0-9a-f]{${HEX_LENGTH[algorithm]}}$`, 'u').test(first) ? first : null;
}

export function digest(bytes: Uint8Array, algorithm: HashAlgorithm): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

export type SignatureCheck = { readonly ok: true; readonly keyId: string } | { readonly ok: false; readonly reason: string };

const keyCache = new Map<string, Promise<openpgp.PublicKey>>();

/** Parses (and caches) an armored public key; throws when it is not one. */
export function readPublicKey(armored: string): Promise<openpgp.PublicKey> {
  let key = keyCache.get(armored);
  if (!key) {
    key = openpgp.readKey({ armoredKey: armored });
    keyCache.set(armored, key);
    key.catch(() => keyCache.delete(armored));
  }
  return key;
}

/** Verifies a detached armored signature over the exact document bytes. */
export async function verifyDetachedSignature(bytes: Uint8Array, armoredSignature: string, armoredKey: string): Promise<SignatureCheck> {
  let key: openpgp.PublicKey;
  try {
    key = await readPublicKey(armoredKey);
  } catch (e) {
    return { ok: false, reason: `configured public key cannot be read: ${(e as Error).message}` };
  }
  try {
    const signature = await openpgp.readSignature({ armoredSignature });
    const message = await openpgp.createMessage({ binary: bytes });
    const result = await openpgp.verify({ message, signature, verificationKeys: key, format: 'binary' });
    if (result.signatures.length === 0) return { ok: false, reason: 'signature file holds no signature' };
    let firstError = 'no valid signature';
    for (const [i, s] of result.signatures.entries()) {
      try {
        await s.verified;
        return { ok: true, keyId: s.keyID.toHex() };
      } catch (e) {
        if (i === 0) firstError = (e as Error).message;
      }
    }
    return { ok: false, reason: `signature does not verify: ${firstError}` };
  } catch (e) {
    return { ok: false, reason: `signature does not verify: ${(e as Error).message}` };
  }
}
