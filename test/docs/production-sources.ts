import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root, for the specs that read its sources. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** Specs, declarations and test fixtures: not production code. */
export const NOT_PRODUCTION = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.browser-spec\.ts|\.d\.ts)$|\/testing\//;

/** Every production TypeScript file of apps/ and libs/, as a path from the root. */
export function productionSources(): string[] {
  return sourceFiles((path) => path.endsWith('.ts') && !NOT_PRODUCTION.test(path));
}

/** Every file under apps/ and libs/ (node_modules left out) that `keep` accepts, as a path from the root. */
export function sourceFiles(keep: (path: string) => boolean): string[] {
  return ['apps', 'libs'].flatMap((dir) => filesUnder(dir, keep));
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}
