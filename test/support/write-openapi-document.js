/**
 * Writes the OpenAPI document the built server serves (`GET /v1/openapi.json`) to the file named, for
 * `npm run lint:openapi` (Redocly's recommended rules, redocly.yaml). The server runs from `dist` (npm run
 * build first) on a fresh data dir on loopback, and is gone again when the file is written.
 *
 *   node test/support/write-openapi-document.js dist/openapi.json
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHttpConfig, loadLedgerConfig } from '../../dist/libs/ledger/src/index.js';
import { createLedgerApp } from '../../dist/apps/api/src/create-app.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: node test/support/write-openapi-document.js <file>');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
try {
  // The configuration of a default start (its LEDGER_PUBLIC_URL names port 3000), served on any free port.
  const env = { LEDGER_DATA_DIR: dataDir, LEDGER_VIEWS_THREAD: 'main' };
  const app = await createLedgerApp({ config: loadLedgerConfig(env), http: loadHttpConfig(env), logger: false });
  await app.listen(0, '127.0.0.1');
  try {
    const { port } = app.getHttpServer().address();
    const response = await fetch(`http://127.0.0.1:${port}/v1/openapi.json`);
    if (!response.ok) throw new Error(`GET /v1/openapi.json answered ${response.status}`);
    writeFileSync(target, `${JSON.stringify(await response.json(), null, 2)}\n`);
  } finally {
    await app.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
