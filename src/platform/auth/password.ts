import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** argon2id with the OWASP-recommended minimum (19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, ARGON2_OPTIONS);
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);

/** A hash to verify against when the user does not exist, so timing does not reveal valid logins. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('loandesk-dummy-password'));

export const NewPassword = z
  .string()
  .min(10, 'At least 10 characters / 至少 10 位')
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'Must contain letters and digits / 须同时包含字母和数字');
