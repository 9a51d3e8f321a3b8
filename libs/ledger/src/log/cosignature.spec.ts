import { generateKeyPairSync } from 'node:crypto';
import { cosign, cosignaturesOf, cosignerKeyOf, parseCosignerKey, withSignatureLines } from './cosignature.js';
import { formatCheckpoint } from './checkpoint.js';
import { COSIGNATURE_V1_ED25519, NoteError, noteSigner, signNote } from './signed-note.js';

/**
 * A checkpoint of the arche2025h1 staging CT log as published with its witnesses' cosignatures
 * (kept in the tests of the Python `tlog-checkpoint` tools of the C2SP ecosystem), and those
 * witnesses' published verifier keys (type 0x04). The log's own lines are RFC 6962 signatures,
 * which a cosignature verifier ignores.
 */
const PUBLISHED = {
  note: [
    'arche2025h1.staging.ct.transparency.dev',
    '1432088532',
    'U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=',
    '',
    '— arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=',
    '— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=',
    '— transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==',
    '— witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==',
    '— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==',
    '— witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==',
    '',
  ].join('\n'),
  witnesses: [
    'transparency.dev/DEV:witness-little-garden+d8042a87+BCtusOxINQNUTN5Oj8HObRkh2yHf/MwYaGX4CPdiVEPM',
    'witness1.smartit.nu/witness1+a48c820f+BPSFWg9G6KPiO7QPryYO5Xq4oYJJ+kAvLKLSimDhoxMO',
    'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2',
    'witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv',
  ],
};

describe('C2SP tlog-cosignature, Ed25519 cosignature/v1', () => {
  it('reads the published witnesses’ verifier keys (type 0x04) and derives their key ids', () => {
    for (const key of PUBLISHED.witnesses) expect(cosignerKeyOf(parseCosignerKey(key))).toBe(key);
    // A note-signing key (type 0x01) is not a witness key, and a wrong key id is refused.
    expect(() => parseCosignerKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(NoteError);
    expect(() => parseCosignerKey('remora.n621.de+da77ade8+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')).toThrow(/does not match/);
  });

  it('verifies the four published cosignatures of a real checkpoint, with their timestamps', () => {
    const { valid, invalid } = cosignaturesOf(PUBLISHED.note, PUBLISHED.witnesses.map((key) => parseCosignerKey(key)));
    expect(invalid).toEqual([]);
    expect(valid.map((c) => c.witness)).toEqual(PUBLISHED.witnesses);
    // 0x6a122120 seconds: the timestamp bytes after each key id.
    expect(valid.every((c) => c.timestamp === 0x6a122120)).toBe(true);
  });

  it('refuses them once the checkpoint body is changed (a size of 42), and ignores keys it was not given', () => {
    const altered = PUBLISHED.note.replace('\n1432088532\n', '\n42\n');
    const { valid, invalid } = cosignaturesOf(altered, PUBLISHED.witnesses.map((key) => parseCosignerKey(key)));
    expect(valid).toEqual([]);
    expect(invalid).toEqual(PUBLISHED.witnesses);
    const stranger = noteSigner('witness.example/other', generateKeyPairSync('ed25519').privateKey, COSIGNATURE_V1_ED25519);
    expect(cosignaturesOf(PUBLISHED.note, [stranger])).toEqual({ valid: [], invalid: [] });
  });

  it('signs what it verifies, over the extension lines too, and a note signature never passes for a cosignature', () => {
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const witness = noteSigner('witness.example/w1', privateKey, COSIGNATURE_V1_ED25519);
    const log = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
    const text = formatCheckpoint({ origin: log.name, size: 7, root: Buffer.alloc(32, 7), extensions: ['stream-heads/v1 ' + Buffer.alloc(32, 1).toString('base64')] });
    const note = withSignatureLines(signNote(text, log), [cosign(text, witness, 1_765_000_000)]);
    expect(cosignaturesOf(note, [witness]).valid).toEqual([expect.objectContaining({ witness: cosignerKeyOf(witness), timestamp: 1_765_000_000 })]);
    expect(cosignaturesOf(note.replace('stream-heads/v1 AQ', 'stream-heads/v1 AA'), [witness]).invalid).toEqual([cosignerKeyOf(witness)]);
    // The same key as a note signer (type 0x01) has another key id: its line is not the witness's.
    const sameKeyAsNoteSigner = noteSigner('witness.example/w1', privateKey);
    expect(cosignaturesOf(withSignatureLines(note, [signNote(text, sameKeyAsNoteSigner).split('\n\n')[1]]), [witness]).valid).toHaveLength(1);
    expect(sameKeyAsNoteSigner.keyId.equals(witness.keyId)).toBe(false);
  });

  it('appends a line only once', () => {
    const log = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
    const note = signNote('library.example/ledger\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', log);
    const line = '— w AAAAAAAA\n';
    expect(withSignatureLines(withSignatureLines(note, [line]), [line])).toBe(`${note}${line}`);
  });
});
