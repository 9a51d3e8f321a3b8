/**
 * Nothing outside a jurisdiction's pack (libs/domain/src/policy/<id>/) names a statute: deciders,
 * findings, configuration, pages and the API take the pack they are given. A production file that cites
 * a state's law by itself would hold a second copy of a pack's reading, and fails here.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, sourceFiles } from './production-sources.js';

/** The packs, where statutes belong. */
const PACKS = /^libs\/domain\/src\/policy\/us-[a-z]{2}\//;
/** Specs and test fixtures may name statutes: they check what the packs say. */
const NOT_PRODUCTION = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.browser-spec\.ts)$|\/testing\//;
const SOURCE = /\.(ts|js|eta|html|css|json)$/;
/** A state's statute, cited: Connecticut's or New York's, by name or by section. */
const STATUTE_CITATION =
  /CGS\s*§|C\.G\.S\.|General Statutes|CPLR|Civil Practice Law|§\s*11-25|§\s*1-210|§\s*11-8a|36a-701b|§\s*4509|899-aa|General Business Law|Public Officers Law|Arts and Cultural Affairs Law/;

// Pages, styles and data too, and declaration files: a citation is a citation wherever it is written.
const production = sourceFiles((path) => SOURCE.test(path) && !PACKS.test(path) && !NOT_PRODUCTION.test(path));

describe('statutes are cited only inside the jurisdiction packs', () => {
  it('reads the production code of libs/ and apps/', () => {
    expect(production.length).toBeGreaterThan(200);
    expect(production).toContain('libs/domain/src/case/directors-path.decider.ts');
    expect(production).toContain('libs/domain/src/case/findings/case-findings.ts');
    expect(production).toContain('apps/api/src/web/case/case.eta');
    expect(production.some((path) => PACKS.test(path))).toBe(false);
  });

  it('recognises a citation of either state\u2019s law when it sees one', () => {
    for (const cited of ['CGS § 11-25(b)(2)', 'C.G.S. 11-25', 'CPLR § 4509', '§ 4509', 'General Business Law § 899-aa', 'CGS § 36a-701b(b)(1)']) expect(cited).toMatch(STATUTE_CITATION);
    expect('Disclosure to Law Enforcement, step 4').not.toMatch(STATUTE_CITATION);
  });

  it('finds none outside them', () => {
    const citing = production.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => (STATUTE_CITATION.test(line) ? [`${relative('.', path)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(citing).toEqual([]);
  });
});
