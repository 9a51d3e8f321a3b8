import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ProtectedFields } from '../protected-fields/protected-fields.js';
import { caseKeyId } from '../protected-fields/patron-key-store.js';

/** What the ledger knows of stored bytes before the event names them. */
export interface StoredDocument {
  readonly attachmentId: string;
  readonly size: number;
  /** SHA-256 of the plaintext, hex: what the `AttachmentAdded` event commits to. */
  readonly sha256: string;
}

/** A document's bytes could not be read back (its case's key is destroyed, or it was never stored). */
export type ReadDocument = { readonly found: true; readonly bytes: Buffer } | { readonly found: false; readonly why: 'missing' | 'shredded' };

/**
 * The bytes of the documents attached to cases (scanned instruments and consents), in `attachments.db`
 * beside `events.db`: each encrypted (AES-256-GCM) under its case's data key in `keys.db`, so that shredding
 * the case's identity makes its scans unreadable too, while the event that names a scan keeps the SHA-256
 * of its plaintext and every hash still verifies. Bytes are stored before the event that names them is
 * appended, and durable first (WAL, `synchronous=FULL`): an event never names bytes the ledger could lose.
 * `ledger backup` copies this file with the records (it holds only ciphertext).
 */
export class AttachmentStore {
  private readonly insert: Database.Statement<[string, string, Buffer, string]>;
  private readonly select: Database.Statement<[string, string], { sealed: Buffer }>;
  private readonly removal: Database.Statement<[string, string]>;

  private constructor(
    private readonly db: Database.Database,
    private readonly fields: ProtectedFields,
  ) {
    this.insert = db.prepare('INSERT INTO attachments (case_id, attachment_id, sealed, stored_at) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT sealed FROM attachments WHERE case_id = ? AND attachment_id = ?');
    this.removal = db.prepare('DELETE FROM attachments WHERE case_id = ? AND attachment_id = ?');
  }

  static open(file: string, fields: ProtectedFields): AttachmentStore {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS attachments (case_id TEXT NOT NULL, attachment_id TEXT NOT NULL, sealed BLOB NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (case_id, attachment_id)) WITHOUT ROWID');
    return new AttachmentStore(db, fields);
  }

  /** Encrypts the bytes under the case's key and stores them, durably, under a new attachment id. */
  async put(caseId: string, attachmentId: string, plaintext: Buffer, now: Date = new Date()): Promise<StoredDocument> {
    const sealed = await this.fields.sealBytes(plaintext, caseKeyId(caseId), contextOf(caseId, attachmentId));
    this.insert.run(caseId, attachmentId, sealed, now.toISOString());
    return { attachmentId, size: plaintext.length, sha256: createHash('sha256').update(plaintext).digest('hex') };
  }

  /** The plaintext, or why not. */
  read(caseId: string, attachmentId: string): ReadDocument {
    const row = this.select.get(caseId, attachmentId);
    if (row === undefined) return { found: false, why: 'missing' };
    const bytes = this.fields.openBytes(row.sealed, caseKeyId(caseId), contextOf(caseId, attachmentId));
    return bytes === null ? { found: false, why: 'shredded' } : { found: true, bytes };
  }

  /** Takes back bytes stored for a command that was refused: no event names them. */
  remove(caseId: string, attachmentId: string): void {
    this.removal.run(caseId, attachmentId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const contextOf = (caseId: string, attachmentId: string) => `attachment\u0000${caseId}\u0000${attachmentId}`;

/** The media type the bytes are, by their first bytes (a PDF, a PNG or a JPEG), or null. */
export function sniffedMediaType(bytes: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
