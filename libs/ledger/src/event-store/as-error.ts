/** What was thrown, as an Error: a thrown string or object keeps its words, and rejections and rethrows carry a stack. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
