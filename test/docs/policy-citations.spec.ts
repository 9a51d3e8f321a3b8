/**
 * The policy ships with the product (docs/policy/confidentiality-of-library-records.md) and every
 * citation the ledger gives — the rule pack's and the findings' — names a section of it that exists,
 * and quotes it word for word. A rule citing a section the board never wrote fails here.
 */
import { readFileSync } from 'node:fs';
import { CITATION_AUTHORITIES, RULE_IDS, RULE_PACK } from '@ledger/domain';
import { FINDING_RULES } from '@ledger/projections';

const POLICY_FILE = new URL('../../docs/policy/confidentiality-of-library-records.md', import.meta.url);
const policy = readFileSync(POLICY_FILE, 'utf8');
/** Curly and straight apostrophes and quotes compare equal; whitespace runs are one space. */
const plain = (text: string) => text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
const headings = new Set([...policy.matchAll(/^#{1,3} (.+)$/gm)].map((match) => plain(match[1]!)));
const policyText = plain(policy);

/** A citation part names a section: its title, then optionally ", step N", ", steps N and M", ", opening paragraph" or ", second paragraph", with quotations in parentheses. */
function sectionOf(part: string): string {
  return plain(part.replace(/\s*\([^)]*\)/g, '').replace(/,\s*(steps? \d+( (and|to) \d+)?|opening paragraph|second paragraph)$/, ''));
}

function quotationsOf(citation: string): string[] {
  return [...citation.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

const citations: [string, string][] = [
  ...RULE_IDS.map((id): [string, string] => [id, RULE_PACK[id].citation]),
  ...Object.entries(FINDING_RULES).map(([id, rule]): [string, string] => [`finding ${id}`, rule.citation]),
];

describe('the policy text in the repository', () => {
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
    expect(CITATION_AUTHORITIES.test('CGS § 11-25(b)(2)(B)')).toBe(true);
  });
});
