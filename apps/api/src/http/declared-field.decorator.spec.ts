import 'reflect-metadata';
import { CASE_COMMAND_FIELDS, type CommandField, DomainError, parseDeclaredFields } from '@ledger/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DeclaredField } from './declared-field.decorator.js';

/** Values a client might send for a field: one the declaration allows, and some it does not. */
function samplesFor(field: CommandField): unknown[] {
  const common = [undefined, null, 42, '', {}];
  switch (field.kind) {
    case 'line':
    case 'text':
      return [...common, 'Ann Lee', 'x'.repeat(field.max), 'x'.repeat(field.max + 1), ['Ann']];
    case 'oneOf':
      return [...common, field.values[0], `${field.values[0]}-not`];
    case 'categories':
      return [...common, ['checkouts'], ['checkouts', 'holds'], [], ['checkouts', 'checkouts'], ['not-a-category'], 'checkouts'];
    case 'instant':
      return [...common, '2026-03-01T09:30:00Z', 'yesterday', '2026-02-30T09:30:00Z'];
    case 'boolean':
      return [...common, true, false, 'true'];
  }
}

function dtoAccepts(field: CommandField, value: unknown): boolean {
  class Probe {
    @DeclaredField(field)
    value?: unknown;
  }
  return validateSync(plainToInstance(Probe, value === undefined ? {} : { value })).length === 0;
}

function domainAccepts(field: CommandField, value: unknown): boolean {
  try {
    parseDeclaredFields(value === undefined ? {} : { value }, { value: field });
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

describe('a declared command field: the HTTP request DTO and the domain parser from one declaration', () => {
  const fields = Object.entries(CASE_COMMAND_FIELDS).flatMap(([command, declared]) =>
    Object.entries(declared as Record<string, CommandField>).map(([name, field]) => ({ at: `${command}.${name}`, field })),
  );

  it.each(fields)('$at: the DTO accepts exactly what the domain accepts', ({ at, field }) => {
    const verdicts = samplesFor(field).map((value) => ({ at, value, dto: dtoAccepts(field, value), domain: domainAccepts(field, value) }));
    expect(verdicts.filter((verdict) => verdict.dto !== verdict.domain)).toEqual([]);
    // Each field takes some value and refuses some other: the samples exercise both sides.
    expect(new Set(verdicts.map((verdict) => verdict.domain))).toEqual(new Set([true, false]));
  });
});
