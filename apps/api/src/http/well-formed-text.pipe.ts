import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError, shownFieldName } from './validation.js';

// C0 controls other than tab, line feed and carriage return, DEL and the C1 controls: never part of a
// name, note or id. Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
// reorder what follows them on screen and in the PDF: a name could be made to read as another.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const MAX_DEPTH = 8;
// Keys that mean something to JavaScript objects and nothing to the ledger: refused, never merged.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses text that cannot be stored faithfully or shown safely — lone UTF-16 surrogates (they have
 * no UTF-8 form, so the ledger could not keep the bytes it was given) and control characters — prototype-polluting field names, and
 * absurdly deep nesting, before any DTO sees the request.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = findProblem(value, metadata.type, 0, metadata.type === 'body');
      if (problem) throw new RequestValidationError([{ field: problem.field, messages: [problem.message] }]);
    }
    return value;
  }
}

function findProblem(value: unknown, path: string, depth: number, refuseNull: boolean): { field: string; message: string } | null {
  // An optional field is left out, never sent as null: one way to say "none" keeps the events unambiguous.
  if (value === null && refuseNull && depth > 0) return { field: path, message: `${path} may not be null; leave the field out instead` };
  if (typeof value === 'string') {
    if (!value.isWellFormed()) return { field: path, message: `${path} contains an unpaired UTF-16 surrogate` };
    if (CONTROL_CHARACTERS.test(value)) return { field: path, message: `${path} contains a control character` };
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return { field: path, message: `${path} is nested too deeply` };
  for (const [key, child] of Object.entries(value)) {
    if (!key.isWellFormed() || CONTROL_CHARACTERS.test(key)) return { field: path, message: `${path} has a malformed field name` };
    if (PROTOTYPE_KEYS.has(key)) return { field: `${path}.${key}`, message: `${key} is not an accepted field name` };
    const problem = findProblem(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${shownFieldName(key)}`, depth + 1, refuseNull);
    if (problem) return problem;
  }
  return null;
}
