/** Every type of an event union, each once: a type left out, or one not in the union, fails to compile. */
export type EventTypeSet<E extends { readonly type: string }> = { readonly [T in E['type']]: true };

/** The list of an event union's types, derived from a set that must name every one of them. */
export function eventTypesOf<E extends { readonly type: string }>(set: EventTypeSet<E>): readonly E['type'][] {
  return Object.keys(set);
}
