/**
 * Every command of every stream (cases, users, patrons, vendors, designees, incidents, retention, the
 * jurisdiction setting) goes through one runner, `StreamCommandRunner`
 * (libs/runtime/src/cases/stream-command-runner.ts): the actor and its designee powers, the two instants and
 * each event's metadata are made there and nowhere else. This is the check: no production code in apps/ or
 * libs/ (read with the TypeScript parser, so comments and strings do not count) calls the pipeline's
 * `execute` but the runner and the idempotency-key store named below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { NOT_PRODUCTION, productionSources, ROOT } from './production-sources.js';

const RUNNER = 'libs/runtime/src/cases/stream-command-runner.ts';

/** Files that may call `CommandPipeline.execute` themselves, and why. */
const MAY_EXECUTE: Readonly<Record<string, string>> = {
  [RUNNER]: 'the runner',
  // Infrastructure below the runner (libs/ledger may not import libs/runtime): it claims and answers an
  // HTTP request's Idempotency-Key for the principal already authenticated, and decides nothing of the
  // policy, so it has no actor to resolve and no instant but the server's now.
  'libs/ledger/src/command-handling/idempotency-keys.ts': 'the Idempotency-Key store',
};

/** What names the pipeline: `pipeline`, `this.pipeline`, `ledger.pipeline`, `commandPipeline`, `pipeline.get()`. */
function namesThePipeline(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return /pipeline$/i.test(node.text);
  if (ts.isPropertyAccessExpression(node)) return /pipeline$/i.test(node.name.text) || (node.name.text === 'get' && namesThePipeline(node.expression));
  if (ts.isCallExpression(node) || ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) return namesThePipeline(node.expression);
  return false;
}

/** A pipeline request: an object literal with a `decider` and a `meta`, whatever the receiver is called. */
function isPipelineRequest(node: ts.Expression | undefined): boolean {
  if (!node || !ts.isObjectLiteralExpression(node)) return false;
  const names = new Set(node.properties.map((property) => (property.name && ts.isIdentifier(property.name) ? property.name.text : '')));
  return names.has('decider') && names.has('meta');
}

/** Every call of the pipeline's `execute` in `source` outside the allowed files, as `path:line`. */
function violationsIn(path: string, source: string): string[] {
  // Only a file that says `execute` can call it: the rest are not parsed.
  if (path in MAY_EXECUTE || !source.includes('execute')) return [];
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'execute') {
      if (namesThePipeline(node.expression.expression) || isPipelineRequest(node.arguments[0])) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found.push(`${path}:${line}: calls the pipeline itself: run the command through StreamCommandRunner (${RUNNER})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('every command goes through the one runner', () => {
  const production = productionSources();

  it('reads the production code of apps/ and libs/, the runner among it', () => {
    expect(production.length).toBeGreaterThan(200);
    expect(production).toContain(RUNNER);
    expect(production).toContain('apps/api/src/identity/register-user/register-user.handler.ts');
    expect(production.some((path) => NOT_PRODUCTION.test(path))).toBe(false);
  });

  it('catches a handler that calls the pipeline, under any name, and lets the runner and a bus through', () => {
    const handler = 'apps/api/src/identity/new-user-command/new-user-command.handler.ts';
    expect(violationsIn(handler, 'await this.pipeline.execute({ stream, decider, command, meta });')).toEqual([
      `${handler}:1: calls the pipeline itself: run the command through StreamCommandRunner (${RUNNER})`,
    ]);
    expect(violationsIn(handler, 'x;\nawait ledger.pipeline.execute(request);')).toHaveLength(1);
    expect(violationsIn(handler, 'await pipeline.get().execute(request);')).toHaveLength(1);
    expect(violationsIn(handler, 'await this.store.execute({ stream, decider: userDecider, command, meta: { actor, recordedAt } });')).toHaveLength(1);
    expect(violationsIn(handler, 'await this.runner.run({ stream, decider, user, command });')).toEqual([]);
    expect(violationsIn(handler, 'await this.commands.execute(new RegisterUserCommand(name));')).toEqual([]);
    // A comment or a string that mentions it is not a call.
    expect(violationsIn(handler, '// this.pipeline.execute({})\nconst s = "pipeline.execute({})";')).toEqual([]);
    expect(violationsIn(RUNNER, 'return this.pipeline.execute({ ...request, command, meta });')).toEqual([]);
  });

  it('finds no call of the pipeline outside the runner and the idempotency-key store', () => {
    expect(production.flatMap((path) => violationsIn(path, readFileSync(join(ROOT, path), 'utf8')))).toEqual([]);
  });

  it('allows only files that exist and call the pipeline', () => {
    const stale = Object.keys(MAY_EXECUTE).filter((path) => !existsSync(join(ROOT, path)) || !readFileSync(join(ROOT, path), 'utf8').includes('pipeline.execute('));
    expect(stale).toEqual([]);
  });
});
