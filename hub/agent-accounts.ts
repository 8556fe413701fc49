/**
 * Agent accounts: each agent has a random token, and the settings file keeps only
 * its scrypt hash (node:crypto, N=16384, r=8, p=1). `npm run hub -- add-agent`
 * creates or renews an account and prints the token once.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AgentAccount } from './settings';
import { parseHubSettings } from './settings';
import { writeFileAtomically } from './durable-file';

const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function newAgentToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Returns "scrypt$N$r$p$salt$hash" with base64url salt and hash. */
export async function hashAgentToken(token: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(token, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a token against a stored hash in constant time; a malformed hash never matches. */
export async function verifyAgentToken(token: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(token, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }).catch(() => undefined);
  return key !== undefined && key.length === expected.length && timingSafeEqual(key, expected);
}

/** Returns true when the token matches the account of that name; every failure looks the same to the caller. */
export async function authenticateAgent(accounts: readonly AgentAccount[], name: string, token: string | undefined): Promise<boolean> {
  const account = accounts.find((candidate) => candidate.name === name);
  if (!account || !token) return false;
  return verifyAgentToken(token, account.tokenHash);
}

/**
 * Adds the account to the settings file, or renews its token when the name exists,
 * and returns the new token. The file is validated first and written atomically; a
 * missing file is created with this account only.
 */
export async function addAgentAccount(settingsPath: string, name: string): Promise<string> {
  let raw: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = await readFile(settingsPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    parseHubSettings(text, settingsPath);
    raw = JSON.parse(text) as Record<string, unknown>;
  }

  const token = newAgentToken();
  const account: AgentAccount = { name, tokenHash: await hashAgentToken(token) };
  const accounts = (Array.isArray(raw.agents) ? (raw.agents as AgentAccount[]) : []).filter((existing) => existing.name !== name);
  raw.agents = [...accounts, account];
  await writeFileAtomically(settingsPath, `${JSON.stringify(raw, null, 2)}\n`);
  return token;
}
