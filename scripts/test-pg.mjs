// `npm run test:pg`: the same suite on a real PostgreSQL (DATABASE_URL, default the local test database).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const url = process.env.DATABASE_URL || 'postgres://relais:relais@localhost:5432/relais_test';
const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RELAIS_TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
