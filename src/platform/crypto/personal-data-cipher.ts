import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field-level encryption for personal information (个人信息保护法 art. 51: encryption as a security
 * measure). AES-256-GCM with a random 96-bit IV per value; the token is "v1:<iv>:<tag>:<ciphertext>"
 * in base64url so the format can be rotated later. Exact-match search uses an HMAC-SHA256 under a
 * key derived from the same master key, so the database never needs the plain value to find it.
 */
export type PersonalDataCipher = {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  searchHash(plain: string): string;
};

export function createPersonalDataCipher(keyHex: string): PersonalDataCipher {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('data encryption key must be 64 hex characters');
  const master = Buffer.from(keyHex, 'hex');
  const encKey = crypto.createHmac('sha256', master).update('loandesk:encrypt:v1').digest();
  const macKey = crypto.createHmac('sha256', master).update('loandesk:search-hash:v1').digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
    },
    decrypt(token) {
      const [version, iv, tag, ct] = token.split(':');
      if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unrecognised ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    searchHash(plain) {
      return crypto.createHmac('sha256', macKey).update(plain.trim().toUpperCase()).digest('hex');
    },
  };
}

/**
 * Development convenience: without DATA_ENCRYPTION_KEY, a per-install key is generated once under
 * the data directory (mode 0600) and reused. Production must supply the key from a secret store.
 */
export function resolveDataEncryptionKey(
  configuredHex: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): string {
  if (configuredHex) return configuredHex;
  const keyFile = path.join(dataDir, 'dev-data-encryption.key');
  if (fs.existsSync(keyFile)) return fs.readFileSync(keyFile, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(keyFile, `${generated}\n`, { mode: 0o600 });
  warn(
    `DATA_ENCRYPTION_KEY is not set: generated a development key at ${keyFile}. ` +
      'Set DATA_ENCRYPTION_KEY (64 hex chars) from a secret store in production; losing the key loses the encrypted ID numbers.',
  );
  return generated;
}
