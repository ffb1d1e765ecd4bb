// `npm run openapi`: writes docs/openapi.json from the routes; `--check` fails when the checked-in copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ROUTES, VERSION } from '../src/server/app.ts';
import { openApiDocument } from '../src/server/http/openapi.ts';

const file = join(ROOT, 'docs', 'openapi.json');
const fresh = JSON.stringify(openApiDocument(ROUTES, VERSION), null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '';
  }
  if (current !== fresh) {
    console.error('docs/openapi.json is stale: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('docs/openapi.json is current.');
} else {
  writeFileSync(file, fresh);
  console.log(`Wrote ${file}`);
}
