import { isUuid } from '../../platform/ids';
import { BadUserInputError } from '../../platform/errors';
import type { Check } from './validation/check';
import { checkEmail, checkLength, checkPhone, NAME_MAX } from './validation/text';
import type { ContactInput } from './graphql-types';

/** The checked value, or BAD_USER_INPUT naming `field`. */
export function must<T>(field: string, check: Check<T>): T {
  if (!check.ok) throw new BadUserInputError(field, check.reason);
  return check.value;
}

export function mustBeId(field: string, id: string): string {
  if (!isUuid(id)) throw new BadUserInputError(field, `is not a valid id (a UUID such as 3f0c9a52-…), got "${id.slice(0, 60)}"`);
  return id.toLowerCase();
}

export function mustBeIntInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export interface ContactColumns {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** ContactInput -> the three contact columns; null clears them. */
export function contactColumns(field: string, contact: ContactInput | null | undefined): ContactColumns {
  if (!contact) return { contactName: null, contactEmail: null, contactPhone: null };
  return {
    contactName: must(`${field}.name`, checkLength(contact.name, NAME_MAX, { required: true })),
    contactEmail: must(`${field}.email`, checkEmail(contact.email)),
    contactPhone: contact.phone ? must(`${field}.phone`, checkPhone(contact.phone)) : null,
  };
}

export function contactOf(row: ContactColumns) {
  if (!row.contactName || !row.contactEmail) return null;
  return { name: row.contactName, email: row.contactEmail, phone: row.contactPhone };
}

/**
 * Which fields an input object carries: `has(k)` is true for a field that was
 * sent (null included: null clears); `notNull(k)` rejects null for a field
 * that cannot be cleared. Create and update inputs share one checker this way.
 */
export function inputFields(input: object, prefix = 'input') {
  const record = input as Record<string, unknown>;
  return {
    has: (k: string) => Object.prototype.hasOwnProperty.call(record, k) && record[k] !== undefined,
    notNull: (k: string, hint = '') => {
      if (record[k] === null) throw new BadUserInputError(`${prefix}.${k}`, `cannot be null${hint}`);
    },
  };
}
