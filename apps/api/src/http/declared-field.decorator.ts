import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, ValidateIf } from 'class-validator';
import { CATEGORIES, type CommandField } from '@ledger/domain';
import { IsInstant } from './instant.js';
import { MultiLine, SingleLine } from './text.js';

/**
 * A request DTO's property made from the domain's declaration of the field (`CASE_COMMAND_FIELDS`): the
 * class-validator rules and the OpenAPI schema say what the domain's parser checks, from one source.
 * `docs` adds what only a reader needs (a description, an example).
 */
export function DeclaredField(field: CommandField, docs: ApiPropertyOptions = {}): PropertyDecorator {
  const documented = (schema: ApiPropertyOptions) => (field.optional ? ApiPropertyOptional : ApiProperty)({ ...schema, ...docs } as ApiPropertyOptions);
  // An optional field may be left out, as the domain's parser reads it: `null` is a value (and refused), not an absence.
  const mayBeLeftOut = ValidateIf((_object, value) => value !== undefined);
  // Listed as they would be written above the property: applied from the bottom up, as decorators are.
  const above = (...decorators: PropertyDecorator[]) => applyDecorators(...[...(field.optional ? [mayBeLeftOut] : []), ...decorators].reverse(), documented(schemaOf(field)));
  switch (field.kind) {
    case 'line':
      return above(IsString(), SingleLine(1, field.max));
    case 'text':
      return above(IsString(), MultiLine(1, field.max));
    case 'oneOf':
      return above(IsIn(field.values as string[]));
    case 'categories':
      return above(IsArray(), ArrayMinSize(1), ArrayMaxSize(CATEGORIES.length), ArrayUnique(), IsIn(CATEGORIES, { each: true }));
    case 'instant':
      return above(IsInstant());
    case 'boolean':
      return above(IsBoolean());
  }
}

function schemaOf(field: CommandField): ApiPropertyOptions {
  switch (field.kind) {
    case 'line':
    case 'text':
      return { minLength: 1, maxLength: field.max };
    case 'oneOf':
      return { enum: field.values as string[] };
    case 'categories':
      return { enum: CATEGORIES, isArray: true, minItems: 1, maxItems: CATEGORIES.length, uniqueItems: true };
    case 'instant':
      return { format: 'date-time' };
    case 'boolean':
      return { type: Boolean };
  }
}
