import { generateKeyPairSync } from 'node:crypto';
import { formatCheckpoint } from './checkpoint.js';
import { keysThroughRotations, rotationKeyOf, rotationLine } from './key-rotation.js';
import { noteSigner, signatureLine, signNote, verifierKeyOf } from './signed-note.js';

const ORIGIN = 'library.example/ledger';
const key = () => noteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);

describe('key rotations', () => {
  const [first, second, third] = [key(), key(), key()];
  const rotation = (from: typeof first, to: typeof first, signers = [from, to]) => {
    const text = formatCheckpoint({ origin: ORIGIN, size: 3, root: Buffer.alloc(32, 3), extensions: [rotationLine(verifierKeyOf(to))] });
    return { oldKey: verifierKeyOf(from), newKey: verifierKeyOf(to), note: signNote(text, signers[0]) + signers.slice(1).map((signer) => signatureLine(signNote(text, signer))).join('') };
  };

  it('names the new key in an extension line', () => {
    expect(rotationKeyOf(['stream-heads/v1 AAAA', rotationLine(verifierKeyOf(second))])).toBe(verifierKeyOf(second));
    expect(rotationKeyOf(['stream-heads/v1 AAAA'])).toBeNull();
  });

  it('given the current key, trusts each older key through a rotation signed by both, back to the first', () => {
    const trusted = keysThroughRotations(third, [rotation(first, second), rotation(second, third)]);
    expect(trusted.map((k) => verifierKeyOf(k))).toEqual([third, second, first].map((k) => verifierKeyOf(k)));
  });

  it('trusts no older key through a rotation the older key did not sign, or one that names another key', () => {
    expect(keysThroughRotations(second, [rotation(first, second, [second])]).map((k) => verifierKeyOf(k))).toEqual([verifierKeyOf(second)]);
    const misnamed = { ...rotation(first, third), newKey: verifierKeyOf(second) };
    expect(keysThroughRotations(second, [misnamed]).map((k) => verifierKeyOf(k))).toEqual([verifierKeyOf(second)]);
    // A chain broken in the middle stops there.
    expect(keysThroughRotations(third, [rotation(first, second), rotation(second, third, [third])])).toHaveLength(1);
  });
});
