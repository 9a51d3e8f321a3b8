import Database from 'better-sqlite3';
import { openNote, parseCheckpoint, parseVerifierKey } from '@ledger/ledger';
import { bearer } from './http-flows.js';
import type { LedgerAppHarness } from './ledger-app.harness.js';

export const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

/** Events in `$all` order, straight from events.db (the test's own read-only look). */
export function eventsOf(ledger: LedgerAppHarness): { id: string; stream: string; type: string }[] {
  const db = new Database(ledger.config.paths.events, { readonly: true });
  try {
    return db.prepare('SELECT id, stream, type FROM events ORDER BY position').all() as { id: string; stream: string; type: string }[];
  } finally {
    db.close();
  }
}

/** The latest checkpoint once it covers every event recorded so far (polls; fails after 20 s). */
export async function checkpointCoveringAll(ledger: LedgerAppHarness, token: string): Promise<{ note: string; size: number; root: Buffer }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const wanted = eventsOf(ledger).length;
    const response = await ledger.http.get('/v1/ledger/checkpoint').set(bearer(token));
    if (response.status === 200) {
      const body = parseCheckpoint(openNote(response.text, parseVerifierKey((await ledger.http.get('/v1/ledger/public-key').set(bearer(token))).text)));
      if (body.size >= wanted) return { note: response.text, size: body.size, root: body.root };
    }
    if (Date.now() > deadline) throw new Error(`no checkpoint covering ${wanted} events`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
