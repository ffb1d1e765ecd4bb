// The journeys run against the built web app that `relais serve` serves from dist/web.
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup() {
  if (process.env.RELAIS_E2E_SKIP_BUILD === '1') return;
  await build({ configFile: resolve(import.meta.dirname, '..', '..', 'vite.config.ts'), logLevel: 'warn' });
}
