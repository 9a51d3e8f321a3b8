import { Transform } from 'class-transformer';

/**
 * A numeric query parameter written in plain decimal, and nothing else: `Number()` (and class-transformer's
 * `@Type(() => Number)`) would read `1e3` as 1000, `0x10` as 16 and `016`, ` 16` or `16.0` as 16. Anything
 * but plain digits stays a string, so the `@IsInt()` beside it refuses it with a 400.
 */
export function PlainDecimal(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^(0|[1-9]\d{0,15})$/.test(value) ? Number(value) : value));
}
