/**
 * The result of every validator in this folder. A failed check carries a short
 * human sentence saying what is wrong and what is expected, without the field
 * name: the caller (a resolver) knows which field it checked and adds it.
 */
export type Check<T = string> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = (reason: string): Check<never> => ({ ok: false, reason });
