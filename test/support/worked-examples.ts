/**
 * The worked examples of docs/api.md as requests: every `curl` in a ```sh block, in order, with the
 * status its `# <status>` comment promises and the `→ NAME=.path` values it hands to later examples.
 * The conventions are written at the top of docs/api.md.
 */
export interface WorkedExample {
  /** 1-based line of docs/api.md where the command starts. */
  readonly line: number;
  readonly command: string;
  readonly method: string;
  /** The URL after `$LEDGER`, placeholders still in it. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | null;
  readonly expectedStatus: number;
  /** The rule id an error answer's comment names (`"rule":"LE-SCOPE"`): checked too. */
  readonly expectedRule?: string;
  readonly captures: readonly { readonly name: string; readonly path: string }[];
}

export class WorkedExampleError extends Error {}

/** Variables a block may set without curl: the reader's own set-up, which the runner provides. */
const PRESET_ASSIGNMENTS = new Set(['ADMIN', 'H']);

/** Shell-like words: quotes removed, `\` line continuations joined; an unquoted `#` starts a comment. */
function shellWords(command: string): { words: string[]; comment: string | null } {
  const words: string[] = [];
  let current: string | null = null;
  let i = 0;
  while (i < command.length) {
    const c = command[i];
    if (c === '\\' && command[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (/\s/.test(c)) {
      if (current !== null) words.push(current);
      current = null;
      i++;
      continue;
    }
    if (c === '#' && current === null) return { words, comment: command.slice(i) };
    if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      if (end < 0) throw new WorkedExampleError(`unbalanced ${c} quote`);
      current = (current ?? '') + command.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    current = (current ?? '') + c;
    i++;
  }
  if (current !== null) words.push(current);
  return { words, comment: null };
}

const quotesBalanced = (text: string) => {
  let open: string | null = null;
  for (const c of text) {
    if (open) {
      if (c === open) open = null;
    } else if (c === "'" || c === '"') open = c;
    else if (c === '#' && open === null) break;
  }
  return open === null;
};

function parseCurl(words: string[], line: number): Pick<WorkedExample, 'method' | 'target' | 'headers' | 'body'> {
  let method: string | null = null;
  let target: string | null = null;
  let body: string | null = null;
  const headers: [string, string][] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === '|') break; // piped to jq: what the reader does with the answer
    if (word === '-s' || word === '-S' || word === '-sS' || word === '-i') continue;
    if (word === '-X') method = words[++i]!;
    else if (word === '-H') {
      const header = words[++i];
      const colon = header.indexOf(':');
      headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (word === '${H[@]}') headers.push(['Content-Type', 'application/json']);
    else if (word === '-d' || word === '--data' || word === '--data-raw') body = words[++i]!;
    else if (word === '-o') i++;
    else if (word.startsWith('$LEDGER')) target = word.slice('$LEDGER'.length);
    else throw new WorkedExampleError(`line ${line}: curl option the runner does not know: ${word}`);
  }
  if (target === null) throw new WorkedExampleError(`line ${line}: no $LEDGER URL in the curl command`);
  return { method: method ?? (body === null ? 'GET' : 'POST'), target, headers, body };
}

/** Every curl example of the markdown's ```sh blocks, in order. Throws on anything it cannot run. */
export function parseWorkedExamples(markdown: string): WorkedExample[] {
  const lines = markdown.split('\n');
  const examples: WorkedExample[] = [];
  let inShell = false;
  let pending: { line: number; command: string; parsed: ReturnType<typeof parseCurl>; comment: string[] } | null = null;
  const finish = () => {
    if (!pending) return;
    const comments = pending.comment.join('\n');
    const status = /^#\s*(\d{3})\b/m.exec(comments);
    if (!status) throw new WorkedExampleError(`line ${pending.line}: a curl example without the status it answers: add a comment line "# 201 …" after it\n  ${pending.command}`);
    const captures = [...comments.matchAll(/→([^→\n]*)/g)].flatMap((arrow) =>
      [...arrow[1].matchAll(/\b([A-Z][A-Z0-9_]*)=(\.[\w.[\]]+)/g)].map((m) => ({ name: m[1], path: m[2] })),
    );
    const rule = Number(status[1]) >= 400 ? /"rule":"([A-Z][A-Z0-9-]+)"/.exec(comments)?.[1] : undefined;
    examples.push({ line: pending.line, command: pending.command, ...pending.parsed, expectedStatus: Number(status[1]), ...(rule !== undefined && { expectedRule: rule }), captures });
    pending = null;
  };
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n];
    if (/^```/.test(text)) {
      if (inShell) finish();
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(text);
      continue;
    }
    if (!inShell) continue;
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      if (pending) pending.comment.push(trimmed);
      continue;
    }
    finish();
    // A command runs over continuation lines and over a quoted body that spans lines.
    const start = n;
    let command = text;
    while ((command.endsWith('\\') || !quotesBalanced(command)) && n + 1 < lines.length) command += `\n${lines[++n]}`;
    const { words, comment } = shellWords(command);
    if (words[0] === 'curl') {
      pending = { line: start + 1, command: command.trim(), parsed: parseCurl(words, start + 1), comment: comment ? [comment] : [] };
      continue;
    }
    const assigned = /^([A-Z][A-Z0-9_]*)=/.exec(words[0] ?? '');
    if (assigned && PRESET_ASSIGNMENTS.has(assigned[1])) continue;
    throw new WorkedExampleError(`line ${start + 1}: a shell line the runner cannot run (only curl, and the set-up of ${[...PRESET_ASSIGNMENTS].join(', ')}): ${trimmed}`);
  }
  if (inShell) finish();
  return examples;
}

/** `$NOW`, `$NOW+14d`, `$NOW-2h`: instants relative to the server's clock, as ISO 8601. */
export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>, now: Date): string {
  return text
    .replace(/\$NOW([+-])(\d+)([dhm])\b/g, (_all, sign: string, amount: string, unit: string) => {
      const ms = Number(amount) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[unit as 'd' | 'h' | 'm'];
      return new Date(now.getTime() + (sign === '+' ? ms : -ms)).toISOString();
    })
    .replace(/\$NOW\b/g, now.toISOString())
    .replace(/\$\{?([A-Z][A-Z0-9_]*)\}?/g, (all, name: string) => values.get(name) ?? all);
}

/** What is left to fill in: `$NAME`, `…`, `<…>`. */
export function unfilled(text: string): string[] {
  return [...text.matchAll(/\$\{?[A-Z][A-Z0-9_]*\}?|…|<[^<>\s][^<>]*>/g)].map((m) => m[0]);
}

/** `.items[0].caseId` of a JSON answer. */
export function valueAt(json: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), json);
}
