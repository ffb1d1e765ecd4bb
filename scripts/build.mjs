// `npm run build`: the web app (Vite → dist/web) and the server (esbuild → dist/server/main.js).
// `npm start`, the browser tests and the benchmark run the built server: one JavaScript file loaded by
// plain Node starts faster and holds ~50 MB less memory than TypeScript compiled on the fly by tsx.
// Each is rebuilt only when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
export const SERVER_BUNDLE = join(root, 'dist', 'server', 'main.js');
const WEB_INDEX = join(root, 'dist', 'web', 'index.html');

/** The latest modification time of a file, or of any file under a folder. */
function newest(path) {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const stale = (output, sources) => !existsSync(output) || statSync(output).mtimeMs < Math.max(...sources.map((s) => newest(join(root, s))));

export function buildWeb({ force = false } = {}) {
  if (!force && !stale(WEB_INDEX, ['src/web', 'src/contract'])) return;
  console.log('Building the web app…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the web app did not build (exit ${result.status})`);
}

export async function buildServer({ force = false } = {}) {
  if (!force && !stale(SERVER_BUNDLE, ['src/server', 'src/contract', 'package.json'])) return;
  // Packages stay in node_modules (PGlite finds its WASM files there); only the project's own code is bundled.
  await build({
    entryPoints: [join(root, 'src', 'server', 'main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/**
 * The command line that runs the built server: source maps on, so a stack trace names the TypeScript lines;
 * a young generation of 8 MB semi-spaces instead of 16 keeps a busy server ~25 MB smaller at the same
 * throughput (measured on the case queue under 16 connections); an old generation bounded at 192 MB keeps V8
 * from growing its heap under load and never giving it back (the embedded database's 140 MB come on top):
 * the benchmark's peak went from 453 to 380 MB on PGlite, at the same or better throughput. The server's live
 * data is small (the seed and imports run in their own processes).
 */
export const serverCommand = (...args) => [process.execPath, '--enable-source-maps', '--max-semi-space-size=8', '--max-old-space-size=192', SERVER_BUNDLE, ...args];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildWeb({ force: true });
  await buildServer({ force: true });
}
