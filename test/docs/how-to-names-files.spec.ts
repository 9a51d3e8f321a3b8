/**
 * docs/architecture.md's "How to add …" names the files a newcomer touches. Every file it names exists,
 * and the how-tos for a view and a finding rule name the files and the names in them that hold each
 * part today: a rename in the code fails here until the how-to follows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './production-sources.js';

const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
const howToStart = architecture.indexOf('## How to add');
const howToEnd = architecture.indexOf('\n## ', howToStart + 1);
const howTo = architecture.slice(howToStart, howToEnd === -1 ? undefined : howToEnd);

function sectionOf(title: string): string {
  const start = howTo.indexOf(`**${title}**`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = howTo.indexOf('\n\n**', start + 1);
  return howTo.slice(start, end === -1 ? undefined : end);
}

const filesNamedIn = (text: string) => [...text.matchAll(/`((?:libs|apps|test|docs)\/[^`\s*]+\.(?:ts|md|eta))`/g)].map((match) => match[1]);

/** Each how-to's names, with the file that must define each. */
const NAMES: Record<string, readonly (readonly [name: string, file: string])[]> = {
  'A view.': [
    ['CaseView', 'libs/projections/src/cases/case-view.ts'],
    ['rebuildFromCasesTable', 'libs/projections/src/cases/case-view.ts'],
    ['CaseFold', 'libs/projections/src/cases/case-fold.ts'],
    ['OWN_VERSIONED_VIEWS', 'libs/projections/src/cases/case-views.projection.ts'],
    ['refreshStaleViews', 'libs/projections/src/cases/case-views.projection.ts'],
    ['FOLD_VERSION', 'libs/projections/src/cases/case-views.projection.ts'],
    ['FORMER_TABLES', 'libs/projections/src/cases/case-views.projection.ts'],
    ['evolveCase', 'libs/domain/src/case/case.state.ts'],
    ['CaseCourse', 'libs/projections/src/cases/case-fold.ts'],
  ],
  'A finding rule.': [
    ['FINDING_RULE_IDS', 'libs/domain/src/policy/jurisdiction.ts'],
    ['FINDING_RULES', 'libs/domain/src/case/findings/case-findings.ts'],
    ['findingsOfFacts', 'libs/domain/src/case/findings/case-findings.ts'],
    ['settledFindings', 'libs/domain/src/case/findings/finding-facts.ts'],
    ['findingRules', 'libs/domain/src/policy/us-ct/jurisdiction.ts'],
    ['findingRules', 'libs/domain/src/policy/us-ny/jurisdiction.ts'],
    ['findings_input', 'libs/projections/src/cases/cases-table.ts'],
    ['createFindingsView', 'libs/projections/src/findings/findings.projection.ts'],
    ['OTHER_STREAM_FINDING_RULES', 'libs/domain/src/case/findings/case-findings.ts'],
  ],
};

describe('the how-tos of docs/architecture.md', () => {
  it('name files that exist', () => {
    const named = filesNamedIn(howTo);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it.each(Object.keys(NAMES))('%s names the files that hold each part, and the names it uses are defined there', (title) => {
    const section = sectionOf(title);
    const files = filesNamedIn(section);
    for (const [name, file] of NAMES[title]) {
      expect(section).toContain(`\`${name}`);
      expect(files).toContain(file);
      expect(readFileSync(join(ROOT, file), 'utf8')).toContain(name);
    }
  });
});
