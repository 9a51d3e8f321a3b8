/**
 * Event data and metadata are parsed in one place, `decodeRecorded` (libs/ledger/src/event-store/decode.ts),
 * which upcasts events stored in an older shape: a reader that parsed them itself would see the old shape.
 * Until ESLint runs in `npm test`, this is the lint rule: every `JSON.parse` in the production code of
 * apps/ and libs/ (found with the TypeScript parser, so comments and strings do not count) is the
 * decoder's, or sits in a file named below with what it parses, and none of them reads a `data` or
 * `metadata` text. The how-to for changing an event's shape (docs/architecture.md) names files that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { NOT_PRODUCTION, productionSources, ROOT } from './production-sources.js';

const DECODER = 'libs/ledger/src/event-store/decode.ts';

/** Files that parse JSON which is not an event's: what each parses. */
const NOT_EVENT_DATA: Readonly<Record<string, string>> = {
  'apps/api/src/identity/second-factors/second-factor-secrets.store.ts': 'a passkey’s transports, a column of its own store',
  'apps/api/src/web/sign-in/sign-in-keys.ts': 'a sealed sign-in cookie',
  'apps/cli/src/commands/witness.command.ts': 'the log’s HTTP answers (rotations, proofs, health)',
  'apps/cli/src/commands/verify-file.command.ts': 'a case file handed to counsel',
  'apps/cli/src/commands/transparency.command.ts': 'a transparency report downloaded from the public page',
  'apps/bench/src/run-bench.ts': 'earlier bench results',
  'libs/runtime/src/backup/ledger-backup.ts': 'a backup’s manifest',
  'libs/projections/src/search/case-search.projection.ts': 'the search view’s JSON columns (need-to-know, requester names, docket numbers)',
  'libs/exports/src/case-file-sections.ts': 'a deep copy of a derived section',
  'libs/exports/src/case-file-pdf.ts': 'the case file a PDF carries as its attachment',
  'libs/projections/src/access-log/access-log.projection.ts': 'a views.db column (a query’s parameters)',
  'libs/projections/src/runner/views-lock.ts': 'the views lock file',
  'libs/projections/src/retention/retention.projection.ts': 'views.db columns (rules, case ids)',
  'libs/projections/src/incidents/incidents.projection.ts': 'views.db columns (data elements, systems)',
  'libs/projections/src/register/disclosure-register.projection.ts': 'views.db columns (categories, rules)',
  'libs/projections/src/counsel/counsel-queue.projection.ts': 'a views.db column (instrument types)',
  'libs/projections/src/findings/purge-approval-findings.ts': 'a views.db column (retention rules)',
  'libs/projections/src/findings/findings.projection.ts': 'a views.db column (the case as the finding rules read it)',
  'libs/projections/src/support/sealed-cases.ts': 'a views.db column (need to know)',
  'libs/projections/src/support/cursor.ts': 'a page cursor from a query string',
  'libs/projections/src/director/director-board.projection.ts': 'views.db columns (wellness, rules)',
  'libs/ledger/src/witness/tlog-witness.ts': 'the witness’s state file',
  'libs/ledger/src/command-handling/idempotency-keys.ts': 'a sealed idempotent answer',
};

/** Names under which event data or metadata travel: `recorded.data`, `event.metadata`, `metadataText`, a scanned row's 5th and 6th fields. */
const EVENT_TEXT_NAME = /^(data|metadata|eventData|metadataText|otherMetadata)$/;
const SCANNED_EVENT_TEXT_INDEX = new Set(['4', '5']);

function readsEventText(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node) && EVENT_TEXT_NAME.test(node.name.text)) return true;
  if (ts.isIdentifier(node) && EVENT_TEXT_NAME.test(node.text)) return true;
  if (ts.isElementAccessExpression(node) && ts.isNumericLiteral(node.argumentExpression) && SCANNED_EVENT_TEXT_INDEX.has(node.argumentExpression.text)) return true;
  return ts.forEachChild(node, (child) => (readsEventText(child) ? true : undefined)) ?? false;
}

/** Every `JSON.parse` in `source` that breaks the rule, as `path:line: why`. */
function violationsIn(path: string, source: string): string[] {
  if (path === DECODER) return [];
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'parse' && ts.isIdentifier(node.expression) && node.expression.text === 'JSON') {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : null;
      if (!call) found.push(`${path}:${line}: JSON.parse passed on (only decodeRecorded parses event data)`);
      else if (call.arguments.some(readsEventText)) found.push(`${path}:${line}: parses event data or metadata: use decodeRecorded`);
      else if (!(path in NOT_EVENT_DATA)) found.push(`${path}:${line}: a JSON.parse in a file not named in NOT_EVENT_DATA: use decodeRecorded, or name the file with what it parses`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('event data is parsed only by decodeRecorded', () => {
  const production = productionSources();

  it('reads the production code of apps/ and libs/, the decoder among it', () => {
    expect(production.length).toBeGreaterThan(200);
    expect(production).toContain(DECODER);
    expect(production).toContain('libs/projections/src/runner/projection-runner.ts');
    expect(production.some((path) => NOT_PRODUCTION.test(path))).toBe(false);
  });

  it('catches a parse of event data, even in a file allowed other JSON, and a parse in a file not named', () => {
    const allowed = 'libs/projections/src/retention/retention.projection.ts';
    expect(violationsIn(allowed, 'const rules = JSON.parse(row.rules);')).toEqual([]);
    expect(violationsIn(allowed, 'const event = { type: recorded.type, data: JSON.parse(recorded.data) };')).toEqual([`${allowed}:1: parses event data or metadata: use decodeRecorded`]);
    expect(violationsIn(allowed, 'x;\nconst m = JSON.parse(recorded.metadata as string) as object;')).toHaveLength(1);
    expect(violationsIn(allowed, 'scan.scan(0n, 9n, (row) => seen.push(JSON.parse(row[4])));')).toHaveLength(1);
    expect(violationsIn(allowed, 'const parse = JSON.parse; parse(text);')).toHaveLength(1);
    expect(violationsIn('apps/cli/src/commands/new.command.ts', 'const event = JSON.parse(text);')).toHaveLength(1);
    // A comment or a string that mentions it is not a parse; the decoder itself may parse.
    expect(violationsIn('apps/cli/src/commands/new.command.ts', '// JSON.parse(recorded.data)\nconst s = "JSON.parse(recorded.data)";')).toEqual([]);
    expect(violationsIn(DECODER, 'JSON.parse(recorded.data); JSON.parse(metadataText);')).toEqual([]);
  });

  it('finds no parse of event data outside the decoder', () => {
    expect(production.flatMap((path) => violationsIn(path, readFileSync(join(ROOT, path), 'utf8')))).toEqual([]);
  });

  it('names only files that exist and parse JSON', () => {
    const stale = Object.keys(NOT_EVENT_DATA).filter((path) => !existsSync(join(ROOT, path)) || !readFileSync(join(ROOT, path), 'utf8').includes('JSON.parse('));
    expect(stale).toEqual([]);
  });
});

describe('the how-to for changing an event’s shape', () => {
  const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const howTo = architecture.slice(architecture.indexOf("**A change to an event's shape.**"));
  const section = howTo.slice(0, howTo.indexOf('\n\n**', 1) === -1 ? undefined : howTo.indexOf('\n\n**', 1));

  it('names files that exist', () => {
    const named = [...section.matchAll(/`((?:libs|apps|test|docs)\/[^`\s]+\.(?:ts|md))`/g)].map((match) => match[1]);
    expect(named).toEqual(expect.arrayContaining([DECODER, 'libs/domain/src/event-schemas.ts', 'libs/domain/src/case/case.schema.ts']));
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
