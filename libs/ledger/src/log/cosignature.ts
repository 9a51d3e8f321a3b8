import { sign, verify } from 'node:crypto';
import { COSIGNATURE_V1_ED25519, type NoteSigner, type NoteVerifier, parseNote, parseVerifierKey, publicKeyObject, verifierKeyOf } from './signed-note.js';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1` (key type 0x04): a witness's statement that, at
 * `time`, the checkpoint is the largest consistent one it has seen for the log. The signature is
 * over `cosignature/v1\ntime <t>\n` followed by the whole checkpoint body (extension lines too), and
 * its line is `— <witness name> base64(key id ‖ u64 big-endian timestamp ‖ 64-byte signature)`.
 */
const TIMESTAMPED_SIGNATURE_BYTES = 4 + 8 + 64;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

export interface Cosignature {
  /** The witness's verifier key, `<name>+<hex id>+<base64(0x04 ‖ key)>`. */
  readonly witness: string;
  /** POSIX seconds. */
  readonly timestamp: number;
  /** The signature line, with its newline, as it is appended to the note. */
  readonly line: string;
}

function cosignedMessage(text: string, timestamp: bigint): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
}

/** Parses a witness's verifier key (type 0x04); throws NoteError when it is not one. */
export function parseCosignerKey(text: string): NoteVerifier {
  return parseVerifierKey(text, COSIGNATURE_V1_ED25519);
}

export function cosignerKeyOf(key: NoteVerifier): string {
  return verifierKeyOf(key, COSIGNATURE_V1_ED25519);
}

/** The cosignature line of `signer` (made with algorithm 0x04) over the checkpoint body `text`, at `timestamp` (POSIX seconds). */
export function cosign(text: string, signer: NoteSigner, timestamp: number): string {
  const time = BigInt(timestamp);
  const signature = sign(null, cosignedMessage(text, time), signer.privateKey);
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(time);
  return `— ${signer.name} ${Buffer.concat([signer.keyId, stamp, signature]).toString('base64')}\n`;
}

/**
 * The cosignatures on `note` by the `witnesses` given, each checked; lines by other keys are
 * ignored, as the spec says. `invalid` names the witnesses whose line (name and key id theirs) does
 * not verify: a forged or altered cosignature, never counted.
 */
export function cosignaturesOf(note: string, witnesses: readonly NoteVerifier[]): { valid: Cosignature[]; invalid: string[] } {
  const { text, signatures } = parseNote(note);
  const valid: Cosignature[] = [];
  const invalid: string[] = [];
  for (const witness of witnesses) {
    const key = cosignerKeyOf(witness);
    for (const signature of signatures.filter((sig) => sig.name === witness.name && sig.keyId.equals(witness.keyId))) {
      const bytes = Buffer.from(signature.base64, 'base64');
      const timestamp = bytes.length === TIMESTAMPED_SIGNATURE_BYTES ? bytes.readBigUInt64BE(4) : null;
      if (timestamp === null || timestamp > MAX_TIMESTAMP || !verify(null, cosignedMessage(text, timestamp), publicKeyObject(witness.publicKey), bytes.subarray(12))) {
        invalid.push(key);
      } else if (!valid.some((cosignature) => cosignature.witness === key)) {
        valid.push({ witness: key, timestamp: Number(timestamp), line: `— ${signature.name} ${signature.base64}\n` });
      }
    }
  }
  return { valid, invalid };
}

/** `note` with `lines` appended to its signatures (each a whole signature line), leaving out any it already carries. */
export function withSignatureLines(note: string, lines: readonly string[]): string {
  return lines.reduce((cosigned, line) => (cosigned.includes(`\n${line}`) ? cosigned : `${cosigned}${line}`), note);
}

export interface QuorumCheck {
  readonly ok: boolean;
  /** The witnesses (verifier keys) whose cosignature verified, with its time. */
  readonly cosignedBy: readonly { readonly witness: string; readonly at: string }[];
  readonly required: number;
  readonly problem?: string;
}

/**
 * Whether `note` carries valid cosignatures by at least `quorum` of the `witnessKeys` (each a
 * type-0x04 verifier key). A cosignature by one of them that does not verify fails the check
 * outright: someone altered the note or forged the line.
 */
export function checkWitnessQuorum(note: string, witnessKeys: readonly string[], quorum: number): QuorumCheck {
  const { valid, invalid } = cosignaturesOf(note, witnessKeys.map((key) => parseCosignerKey(key)));
  const cosignedBy = valid.map((cosignature) => ({ witness: cosignature.witness, at: new Date(cosignature.timestamp * 1000).toISOString() }));
  if (invalid.length > 0) return { ok: false, cosignedBy, required: quorum, problem: `the cosignature of witness ${invalid[0]} does not verify: the checkpoint or the line was altered` };
  if (valid.length < quorum) {
    return { ok: false, cosignedBy, required: quorum, problem: `the checkpoint is cosigned by ${valid.length} of the witnesses given, and ${quorum} ${quorum === 1 ? 'is' : 'are'} required` };
  }
  return { ok: true, cosignedBy, required: quorum };
}
