import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package root (the directory holding package.json), found from this file whether it runs from
 * the sources (jest) or from `dist/` (`npm start`): templates and assets are read from the sources'
 * place in the package, so the build stays `tsc` alone.
 */
export function packageRoot(from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** `apps/api/src/web`: one folder per page, each with its `.eta` templates. */
export const WEB_ROOT = join(packageRoot(), 'apps', 'api', 'src', 'web');
