import { decoyHash, hashPassword, scryptAsync, verifyPassword } from './password-hasher.js';

describe('password hashing', () => {
  it('calls scrypt the way RFC 7914 §12 specifies (test vector 2)', async () => {
    const key = await scryptAsync('password', Buffer.from('NaCl'), 64, { N: 1024, r: 8, p: 16 });
    expect(key.toString('hex')).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    );
  });

  it('accepts the password it hashed and nothing else; each hash has its own salt', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored);
  });

  it('refuses a malformed stored hash instead of throwing, and the decoy matches no password', async () => {
    await expect(verifyPassword('anything at all', 'plain$text')).resolves.toBe(false);
    await expect(verifyPassword('', await decoyHash())).resolves.toBe(false);
  });
});
