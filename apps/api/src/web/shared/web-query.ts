import { BadRequestException, type Type } from '@nestjs/common';
import { validateAs } from './web-form.js';

/**
 * A page's query string validated by the API's own query DTO: the page accepts exactly the filters the
 * JSON endpoint does. Empty fields (a filter left at "Any") are dropped; anything invalid is a 400 page.
 */
export async function pageQuery<T>(dto: Type<T>, query: Record<string, unknown>, keep: readonly string[]): Promise<T> {
  const given: Record<string, unknown> = {};
  for (const key of keep) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') given[key] = value.trim();
  }
  const validated = await validateAs(dto, given);
  if ('errors' in validated) throw new BadRequestException(validated.errors.list.map((e) => e.message).join('; '));
  return validated.value;
}

/** The current filters as a query string, for the "next page" link (never a patron reference: filters hold none). */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
