import { createHash, generateKeyPairSync } from 'node:crypto';
import { formatCheckpoint, noteSigner, signNote, verifierKeyOf } from '@ledger/ledger';
import { checkpointPanel } from './checkpoint-panel.js';

describe('the integrity panel’s checkpoint', () => {
  it('shows the origin, size, root and key id read from the signed note itself', () => {
    const signer = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
    const root = createHash('sha256').update('the tree').digest();
    const note = signNote(formatCheckpoint({ origin: 'library.example/ledger', size: 1234, root }), signer);
    const panel = checkpointPanel({ size: 1234, root, note, signedAt: '2026-03-10T12:00:00.000Z' });
    expect(panel).toEqual({
      origin: 'library.example/ledger',
      size: 1234,
      root: root.toString('base64'),
      signatures: [{ name: 'library.example/ledger', keyId: signer.keyId.toString('hex') }],
      signedAt: '2026-03-10T12:00:00.000Z',
      note,
    });
    // The key id on the page is the one the published verifier key names.
    expect(verifierKeyOf(signer).split('+')[1]).toBe(panel.signatures[0].keyId);
  });
});
