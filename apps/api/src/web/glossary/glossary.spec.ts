import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_RULE_IDS } from '@ledger/domain';
import { FINDING_TITLES, findingRulesByTitle } from '../audit/finding-titles.js';
import { GLOSSARY } from './glossary.js';

const WEB = join(import.meta.dirname, '..');

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templates(join(dir, entry.name)) : entry.name.endsWith('.eta') ? [join(dir, entry.name)] : [],
  );
}

describe('the glossary', () => {
  it('has one entry per anchor, each with words a reader can use', () => {
    const ids = GLOSSARY.map((term) => term.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const term of GLOSSARY) {
      expect(term.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(term.meaning.length).toBeGreaterThan(40);
      expect(term.meaning).not.toMatch(/\b[A-Z]+(-[A-Z]+)+\b/);
    }
  });

  it('is what every term link on every page points at', () => {
    const ids = new Set(GLOSSARY.map((term) => term.id));
    const links = templates(WEB).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\/glossary#([a-z-]+)/g)].map((m) => ({ file, id: m[1] })));
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !ids.has(link.id))).toEqual([]);
    // Every sealed tag links to what "sealed" means.
    for (const file of templates(WEB)) expect(readFileSync(file, 'utf8')).not.toMatch(/<span class="tag tag-sealed">/);
  });
});

describe('finding titles', () => {
  it('name every finding rule, each differently, and the filter offers them all in order of their words', () => {
    expect(Object.keys(FINDING_TITLES).sort()).toEqual([...FINDING_RULE_IDS].sort());
    const titles = Object.values(FINDING_TITLES);
    expect(new Set(titles).size).toBe(titles.length);
    const offered = findingRulesByTitle();
    expect(offered.map((choice) => choice.rule).sort()).toEqual([...FINDING_RULE_IDS].sort());
    expect(offered.map((choice) => choice.title)).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });
});
