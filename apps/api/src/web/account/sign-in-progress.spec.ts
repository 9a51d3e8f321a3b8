import { localPath } from './sign-in-progress.js';

describe('where signing in again returns to', () => {
  it('a path of this site, with its query', () => {
    expect(localPath('/admin/users')).toBe('/admin/users');
    expect(localPath('/cases/3f/export?format=pdf')).toBe('/cases/3f/export?format=pdf');
  });

  it('never another site, nor anything that is not a path', () => {
    for (const candidate of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'admin/users', '', '/a b', undefined, ['/desk'], `/${'a'.repeat(2000)}`]) expect(localPath(candidate)).toBeNull();
  });
});
