import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { encodeLeaf } from './log-leaf.js';
import { NoteError, noteSigner, openNote, parseNote, parseVerifierKey, privateKeyFromSeed, signNote, verifierKeyOf } from './signed-note.js';
import { GO_NOTE_VECTOR } from './testing/merkle-vectors.js';

/** Go's signer key: PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>. */
function goSigner(signerKey: string) {
  const [, , name, , ...encoded] = signerKey.split('+');
  return noteSigner(name, privateKeyFromSeed(Buffer.from(encoded.join('+'), 'base64').subarray(1)));
}

describe('C2SP signed note (golang.org/x/mod sumdb/note vectors)', () => {
  const signer = goSigner(GO_NOTE_VECTOR.signerKey);

  it('derives the published verifier key and key id from the published signer key', () => {
    expect(verifierKeyOf(signer)).toBe(GO_NOTE_VECTOR.verifierKey);
    expect(signer.keyId.toString('hex')).toBe('c74f20a3');
  });

  it('signs the published text byte for byte as Go does', () => {
    expect(signNote(GO_NOTE_VECTOR.text, signer)).toBe(GO_NOTE_VECTOR.signed);
  });

  it('opens the published note with the published verifier key, beside another key’s signature', () => {
    const verifier = parseVerifierKey(GO_NOTE_VECTOR.verifierKey);
    expect(openNote(GO_NOTE_VECTOR.signed, verifier)).toBe(GO_NOTE_VECTOR.text);
    expect(openNote(GO_NOTE_VECTOR.signed + GO_NOTE_VECTOR.otherSignatureLine, verifier)).toBe(GO_NOTE_VECTOR.text);
    expect(parseNote(GO_NOTE_VECTOR.signed + GO_NOTE_VECTOR.otherSignatureLine).signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(() => openNote(GO_NOTE_VECTOR.signed, parseVerifierKey(GO_NOTE_VECTOR.otherVerifierKey))).toThrow(/no signature by EnochRoot/);
  });

  it('takes a key id in upper-case hex, as Go does, and gives it back in lower case', () => {
    const [name, id, key] = GO_NOTE_VECTOR.verifierKey.split(/\+(.*?)\+/);
    const upper = parseVerifierKey(`${name}+${id.toUpperCase()}+${key}`);
    expect(verifierKeyOf(upper)).toBe(GO_NOTE_VECTOR.verifierKey);
    expect(openNote(GO_NOTE_VECTOR.signed, upper)).toBe(GO_NOTE_VECTOR.text);
    expect(() => parseVerifierKey(`${name}+C74F20A4+${key}`)).toThrow(/does not match the key/);
  });

  it('refuses a verifier key with any one character changed, cut or padded', () => {
    const key = GO_NOTE_VECTOR.verifierKey;
    expect(parseVerifierKey(GO_NOTE_VECTOR.otherVerifierKey).name).toBe('EnochRoot');
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseVerifierKey(changed)).toThrow(NoteError);
    }
    for (let cut = 1; cut < key.length; cut++) expect(() => parseVerifierKey(key.slice(0, cut))).toThrow(NoteError);
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(NoteError);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(NoteError);
  });

  it('refuses malformed notes as Go does', () => {
    const verifier = parseVerifierKey(GO_NOTE_VECTOR.verifierKey);
    const text = GO_NOTE_VECTOR.text;
    const sig = GO_NOTE_VECTOR.signed.slice(text.length + 1);
    for (const bad of [
      text,
      `${text}\n`,
      `${text}\n${sig.slice(0, -1)}`,
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${text}\n${sig}Unexpected line.\n`,
      `${text}\n${sig.slice(0, 60)}ABCD${sig.slice(60)}`,
    ]) {
      expect(() => openNote(bad, verifier)).toThrow(NoteError);
    }
  });
});

describe('checkpoints', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = noteSigner('library.example/ledger', privateKey);
  const verifier = parseVerifierKey(verifierKeyOf(signer));
  const root = Buffer.alloc(32, 7);

  it('formats and parses the C2SP body, and keeps extension lines', () => {
    const body = formatCheckpoint({ origin: 'library.example/ledger', size: 1234, root });
    expect(body).toBe(`library.example/ledger\n1234\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(body)).toEqual({ origin: 'library.example/ledger', size: 1234, root });
    expect(parseCheckpoint(`${body}ext one\n`).extensions).toEqual(['ext one']);
    expect(formatCheckpoint({ origin: 'library.example/ledger', size: 1234, root, extensions: ['ext one'] })).toBe(`${body}ext one\n`);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] })).toThrow(NoteError);
    for (const bad of ['o\n01\nAA==\n', `o\n-1\n${root.toString('base64')}\n`, 'o\n1\nAAAA\n', `o\n1\n${root.toString('base64')}`, `\n1\n${root.toString('base64')}\n`]) {
      expect(() => parseCheckpoint(bad)).toThrow(NoteError);
    }
  });

  it('two signers with the same key sign byte-identical checkpoints', () => {
    const body = formatCheckpoint({ origin: signer.name, size: 9, root });
    expect(signNote(body, signer)).toBe(signNote(body, noteSigner(signer.name, privateKey)));
  });

  it('a flipped bit anywhere in the signed text (origin, size, root, the stream-heads extension line) or the signature fails', () => {
    const note = signNote(formatCheckpoint({ origin: signer.name, size: 300, root, extensions: [`stream-heads/v1 ${Buffer.alloc(32, 9).toString('base64')}`] }), signer);
    expect(parseCheckpoint(openNote(note, verifier)).extensions).toEqual([`stream-heads/v1 ${Buffer.alloc(32, 9).toString('base64')}`]);
    fc.assert(
      fc.property(fc.nat({ max: note.length - 2 }), fc.nat({ max: 6 }), (at, bit) => {
        const flipped = note.slice(0, at) + String.fromCharCode(note.charCodeAt(at) ^ (1 << bit)) + note.slice(at + 1);
        fc.pre(flipped !== note);
        try {
          openNote(flipped, verifier);
          return false;
        } catch (error) {
          return error instanceof NoteError;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('leaf encoding', () => {
  it('is versioned and length-prefixed, so that no two events share leaf bytes', () => {
    const leaf = encodeLeaf({ stream: 'case-1', revision: 12n, id: 'e1', hash: 'ab' });
    expect(leaf.toString('hex')).toBe(
      `01${'00000006'}${Buffer.from('case-1').toString('hex')}${'00000002'}${Buffer.from('12').toString('hex')}${'00000002'}${Buffer.from('e1').toString('hex')}${'00000002'}${Buffer.from('ab').toString('hex')}`,
    );
    expect(encodeLeaf({ stream: 'case-11', revision: 2n, id: 'e1', hash: 'ab' }).equals(leaf)).toBe(false);
  });
});
