import type Database from 'better-sqlite3';
import type { Projection } from '../runner/projection.js';
import { statement } from '../support/case-projection.js';

/**
 * Which patron stream holds a written consent: `DELETE /v1/patrons/consents/:consentId` names only the
 * consent (patron references never travel in paths), so the server finds the patron's blind index here.
 * Holds no reference and no grantee: the consent's content stays in the patron's stream.
 */
export const consentIndexProjection: Projection = {
  name: 'consent-index',
  version: 1,
  handles: ['WrittenConsentGiven'],
  setup(db) {
    db.exec('CREATE TABLE IF NOT EXISTS consent_index (consent_id TEXT PRIMARY KEY, blind_index TEXT NOT NULL)');
  },
  teardown(db) {
    db.exec('DROP TABLE IF EXISTS consent_index');
  },
  apply(db, event) {
    const data = event.data as { consentId: string; blindIndex: string };
    statement(db, 'INSERT INTO consent_index (consent_id, blind_index) VALUES (?, ?) ON CONFLICT (consent_id) DO NOTHING').run(data.consentId, data.blindIndex);
  },
};

/** The blind index of the patron who gave the consent, or null when no such consent is known. */
export function blindIndexOfConsent(db: Database.Database, consentId: string): string | null {
  const row = db.prepare('SELECT blind_index FROM consent_index WHERE consent_id = ?').get(consentId) as { blind_index: string } | undefined;
  return row?.blind_index ?? null;
}
