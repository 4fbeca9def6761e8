import { type Check, fail, ok } from './check';

/** Maximum length of names (organisations, people, projects), in characters. */
export const NAME_MAX = 200;
/** Maximum length of free text (descriptions, notes), in characters. */
export const TEXT_MAX = 5000;
/** Longest e-mail address that fits in SMTP's forward path (RFC 5321). */
export const EMAIL_MAX = 254;
/** Longest URL we store; browsers and proxies start to break beyond this. */
export const URL_MAX = 2048;

/** Control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Trims the input and checks its length in characters (Unicode code points, the
 * way PostgreSQL's varchar(n) counts, so one emoji or one Chinese character is
 * one). Empty after trimming passes as '' unless `required` (default false).
 * Control characters other than tab and line breaks are refused.
 */
export function checkLength(input: string, max: number, options: { required?: boolean } = {}): Check {
  const s = input.trim();
  if (s === '') return options.required ? fail('must not be empty') : ok('');
  if (CONTROL.test(s)) return fail('must not contain control characters');
  const length = [...s].length;
  if (length > max) return fail(`must be at most ${max} characters; got ${length}`);
  return ok(s);
}

const EMAIL_SHAPE = 'must be an e-mail address like name@example.org';
const LOCAL_FORBIDDEN = /[\s"(),:;<>[\\\]@]/u;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

/**
 * A pragmatic e-mail check (RFC 5322 lite): one @, a non-empty local part of at
 * most 64 characters without spaces, quotes or brackets and without leading,
 * trailing or double dots, and a domain of at least two dot-separated labels of
 * letters, digits and hyphens (international letters allowed) whose last label
 * is not all digits; at most 254 characters. Returns the trimmed address with
 * the domain lower-cased (the local part is left as typed: it may be case-sensitive).
 */
export function checkEmail(input: string): Check {
  const s = input.trim();
  if (s === '') return fail(EMAIL_SHAPE);
  if (/\s/u.test(s) || CONTROL.test(s)) return fail(`must not contain spaces; ${EMAIL_SHAPE}`);
  if ([...s].length > EMAIL_MAX) return fail(`must be at most ${EMAIL_MAX} characters`);
  const at = s.split('@');
  if (at.length !== 2) return fail(`must contain exactly one @; ${EMAIL_SHAPE}`);
  const [local, domain] = at;
  if (local === '') return fail(`needs a name before the @; ${EMAIL_SHAPE}`);
  if ([...local].length > 64) return fail('must have at most 64 characters before the @');
  if (LOCAL_FORBIDDEN.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return fail(`has characters before the @ that an address cannot use; ${EMAIL_SHAPE}`);
  }
  const host = domain.toLowerCase();
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1])) {
    return fail(`needs a domain name like example.org after the @; ${EMAIL_SHAPE}`);
  }
  return ok(`${local}@${host}`);
}

/**
 * A web address: parsed the WHATWG way (as browsers do), http or https only, with
 * a host and without a user name or password. Returns the normalised href
 * (scheme and host lower-cased, default port dropped, "/" path added, IDN hosts
 * in punycode).
 */
export function checkUrl(input: string): Check {
  const s = input.trim();
  const shape = 'must be a web address starting with http:// or https://, e.g. https://example.org';
  if (s === '') return fail(shape);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return fail(shape);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(shape);
  if (url.hostname === '') return fail(`needs a host name; ${shape}`);
  if (url.username !== '' || url.password !== '') return fail('must not contain a user name or password');
  const href = url.href;
  if (href.length > URL_MAX) return fail(`must be at most ${URL_MAX} characters`);
  return ok(href);
}

/**
 * A phone number as people write it: digits, spaces, dots, hyphens, slashes and
 * parentheses, with an optional leading + (e.g. "+32 16 26 76 00",
 * "(016) 26.76.00", "+86 28-8888 8888"); 6 to 20 digits. The field is optional:
 * the caller skips this check for an absent value; an empty string fails.
 * Returns the trimmed input with runs of whitespace collapsed to one space.
 */
export function checkPhone(input: string): Check {
  const s = input.trim().replace(/\s+/g, ' ');
  const shape = 'must be a phone number of 6 to 20 digits, e.g. +32 16 26 76 00';
  if (!/^\+?[\d ().\-/]+$/.test(s)) {
    return fail(`may contain only digits, spaces, dots, hyphens, slashes, parentheses and a leading +; ${shape}`);
  }
  const digits = s.replace(/\D/g, '').length;
  if (digits < 6 || digits > 20) return fail(`${shape}; got ${digits} digit${digits === 1 ? '' : 's'}`);
  return ok(s);
}
