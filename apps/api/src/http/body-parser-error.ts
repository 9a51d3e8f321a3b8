/**
 * The status of an error from Express's body parsers (malformed JSON, a body too large), or null for any
 * other error. Their messages can quote the body (and so a patron reference): callers answer generically.
 */
export function bodyParserStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof candidate.status === 'number' ? candidate.status : candidate.statusCode;
  const fromParser = typeof candidate.type === 'string' && candidate.type.startsWith('entity.');
  if (typeof status === 'number' && status >= 400 && status < 500 && (fromParser || error instanceof SyntaxError)) return status;
  return null;
}
