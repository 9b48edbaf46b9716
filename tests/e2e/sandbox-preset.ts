import { readFileSync } from 'node:fs';
import { SANDBOX_PORT, SITE_PORT } from '../../playwright.config';

/** The seeded sandbox the e2e run starts (see playwright.config.ts), with its fixed ids and demo users. */
export const preset = JSON.parse(readFileSync('sandbox/seed/preset.json', 'utf8'));
export const SANDBOX_ENDPOINT = `http://127.0.0.1:${SANDBOX_PORT}`;
export const SITE_ORIGIN = `http://127.0.0.1:${SITE_PORT}`;

export function user(name: string): { username: string; password: string } {
  const found = preset.users.find((u: { username: string }) => u.username === name);
  if (!found) throw new Error(`no demo user ${name} in sandbox/seed/preset.json`);
  return found;
}
