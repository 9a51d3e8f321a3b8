import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root, for the specs that read its sources. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** Specs, declarations and test fixtures: not production code. */
export const NOT_PRODUCTION = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.browser-spec\.ts|\.d\.ts)$|\/testing\//;

/** Every production TypeScript file of apps/ and libs/, as a path from the root. */
export function productionSources(): string[] {
  return ['apps', 'libs'].flatMap(sourcesUnder);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(path);
    return entry.name.endsWith('.ts') && !NOT_PRODUCTION.test(path) ? [path] : [];
  });
}
