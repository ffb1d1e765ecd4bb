// The journeys run against what `npm start` runs: the built server, serving the built web app from dist/web.
import { buildServer, buildWeb } from '../../scripts/build.mjs';

export default async function setup() {
  // RELAIS_E2E_SKIP_BUILD=1 keeps the web build there is (rerunning one journey); the server is rebuilt if stale.
  const force = process.env.RELAIS_E2E_SKIP_BUILD !== '1';
  if (force) buildWeb({ force });
  await buildServer({ force });
}
