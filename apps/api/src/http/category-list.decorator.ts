import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { CATEGORIES } from '@ledger/domain';

/** A list of record categories from the vocabulary: 1–18 of them, no repeats (validation and OpenAPI as one). */
export function CategoryList(description?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: CATEGORIES, isArray: true, minItems: 1, maxItems: 18, uniqueItems: true, ...(description ? { description } : {}) }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(18),
    ArrayUnique(),
    IsIn(CATEGORIES, { each: true }),
  );
}
