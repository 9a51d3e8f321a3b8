/**
 * Every jurisdiction's pack ships its policy text (docs/policy/…) and every citation the ledger gives
 * under it — the rule pack's and the findings' — names a section of that text that exists, and quotes
 * it word for word. A rule citing a section the board never wrote fails here.
 */
import { readFileSync } from 'node:fs';
import { FINDING_RULE_IDS, JURISDICTION_IDS, JURISDICTION_PACKS, RULE_IDS } from '@ledger/domain';

/** Curly and straight apostrophes and quotes compare equal; whitespace runs are one space. */
const plain = (text: string) => text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();

/** A citation part names a section: its title, then optionally ", step N", ", steps N and M", ", opening paragraph" or ", second paragraph", with quotations in parentheses. */
function sectionOf(part: string): string {
  return plain(part.replace(/\s*\([^)]*\)/g, '').replace(/,\s*(steps? \d+( (and|to) \d+)?|opening paragraph|second paragraph)$/, ''));
}

function quotationsOf(citation: string): string[] {
  return [...citation.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

describe.each(JURISDICTION_IDS)('the policy text of %s in the repository', (id) => {
  const pack = JURISDICTION_PACKS[id];
  const policy = readFileSync(new URL(`../../${pack.policyText}`, import.meta.url), 'utf8');
  const headings = new Set([...policy.matchAll(/^#{1,3} (.+)$/gm)].map((match) => plain(match[1])));
  const policyText = plain(policy);
  const CITATION_AUTHORITIES = pack.citationAuthorities;
  const citations: [string, string][] = [
    ...RULE_IDS.map((rule): [string, string] => [rule, pack.rules[rule].citation]),
    ...FINDING_RULE_IDS.map((rule): [string, string] => [`finding ${rule}`, pack.findingCitations[rule]]),
  ];

  it('says where it comes from and which revision it is', () => {
    expect(policy).toMatch(/\*\*Source:\*\*/);
    expect(policy).toMatch(/\*\*Version:\*\* revised July 10, 2024/);
    for (const section of ['Disclosure to Law Enforcement', 'Disclosure to Patrons', "Children's Personal Information", 'Wellness Checks', 'Disclosure to Third-Party Electronic Services']) {
      expect(headings).toContain(section);
    }
  });

  it.each(citations)('%s cites sections that exist in it, and quotes it exactly: %s', (_id, citation) => {
    const parts = citation.split(';').map((part) => part.trim());
    const sections = parts.filter((part) => !CITATION_AUTHORITIES.test(part)).map(sectionOf);
    expect(sections.length + parts.filter((part) => CITATION_AUTHORITIES.test(part)).length).toBe(parts.length);
    for (const section of sections) expect({ citation, section, known: headings.has(section) }).toEqual({ citation, section, known: true });
    for (const quotation of quotationsOf(citation)) {
      for (const fragment of quotation.split('…').map(plain).filter(Boolean)) {
        expect({ citation, fragment, quoted: policyText.includes(fragment) }).toEqual({ citation, fragment, quoted: true });
      }
    }
  });

  it('knows a section that does not exist when it sees one', () => {
    expect(headings.has(sectionOf('Disclosure to Space Aliens, step 2'))).toBe(false);
    expect(sectionOf('Disclosure to Law Enforcement ("The Director shall consult with legal counsel"), step 4')).toBe('Disclosure to Law Enforcement');
    expect(CITATION_AUTHORITIES.test(pack.rules['WRITTEN-CONSENT'].citation.split(';')[0])).toBe(true);
  });
});
