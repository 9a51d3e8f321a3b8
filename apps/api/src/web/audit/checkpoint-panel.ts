import { type KeptCheckpoint, parseCheckpoint, parseNote } from '@ledger/ledger';

/** The latest signed checkpoint as the integrity panel shows it, beside the note itself. */
export interface CheckpointPanel {
  readonly origin: string;
  readonly size: number;
  /** base64, as written in the note. */
  readonly root: string;
  /** The 4-byte key id of each signature, in hex (what `GET /v1/ledger/public-key` names after the key's name). */
  readonly signatures: readonly { readonly name: string; readonly keyId: string }[];
  readonly signedAt: string;
  /** The signed note, byte for byte as `GET /v1/ledger/checkpoint` serves it. */
  readonly note: string;
}

/** Reads the parts of a kept checkpoint out of its own signed note, so the page shows what was signed. */
export function checkpointPanel(kept: KeptCheckpoint): CheckpointPanel {
  const { text, signatures } = parseNote(kept.note);
  const body = parseCheckpoint(text);
  return {
    origin: body.origin,
    size: body.size,
    root: body.root.toString('base64'),
    signatures: signatures.map((s) => ({ name: s.name, keyId: s.keyId.toString('hex') })),
    signedAt: kept.signedAt,
    note: kept.note,
  };
}
