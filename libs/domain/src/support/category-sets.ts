import { CATEGORIES, type Category } from '../vocabulary.js';
import { InvalidCommand } from '../shared/errors.js';

/** Category lists are kept in vocabulary order so that events and views compare equal. */
export function inVocabularyOrder(categories: Iterable<Category>): Category[] {
  const present = new Set(categories);
  return CATEGORIES.filter((category) => present.has(category));
}

export function intersect(a: readonly Category[], b: readonly Category[]): Category[] {
  const inB = new Set(b);
  return inVocabularyOrder(a.filter((category) => inB.has(category)));
}

export function union(...lists: readonly (readonly Category[])[]): Category[] {
  return inVocabularyOrder(lists.flat());
}

export function without(a: readonly Category[], removed: readonly Category[]): Category[] {
  const gone = new Set(removed);
  return inVocabularyOrder(a.filter((category) => !gone.has(category)));
}

export function isSubset(a: readonly Category[], of: readonly Category[]): boolean {
  const allowed = new Set(of);
  return a.every((category) => allowed.has(category));
}

/** A category list in a command: known categories, no repeats, within the stated bounds. */
export function assertCategoryList(
  categories: readonly unknown[] | undefined,
  field: string,
  { min = 1, max = CATEGORIES.length }: { min?: number; max?: number } = {},
): asserts categories is readonly Category[] {
  if (!Array.isArray(categories)) throw new InvalidCommand(`${field} must be a list of categories`, field);
  if (categories.length < min || categories.length > max) {
    throw new InvalidCommand(`${field} must hold ${min}–${max} categories`, field);
  }
  const seen = new Set<unknown>();
  for (const category of categories) {
    if (!(CATEGORIES as readonly unknown[]).includes(category)) {
      throw new InvalidCommand(`${field}: unknown category ${JSON.stringify(category)}`, field);
    }
    if (seen.has(category)) throw new InvalidCommand(`${field}: ${String(category)} is repeated`, field);
    seen.add(category);
  }
}
