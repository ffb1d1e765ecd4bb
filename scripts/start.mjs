// `npm start`: build the web app and the server when their sources are newer than the last build, then serve.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildServer, buildWeb, serverCommand } from './build.mjs';

buildWeb();
await buildServer();
const [node, ...args] = serverCommand('serve', ...process.argv.slice(2));
const server = spawnSync(node, args, { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' });
process.exit(server.status ?? 0);
