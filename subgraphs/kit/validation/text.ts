import { type Check, fail, ok } from './check';

/** Maximum length of names (organisations, people, projects), in characters. */
export const NAME_MAX = 200;
/** Maximum length of free text (descriptions, notes), in characters. */
export const TEXT_MAX = 5000;
/** Longest e-mail address that fits in SMTP's forward path (RFC 5321). */
export const EMAIL_MAX = 254;
/** Longest URL we store; browsers and proxies start to break beyond this. */
export const URL_MAX = 2048;

/** C0 and C1 control characters and DEL (PostgreSQL refuses NUL; the others are invisible or break lines and logs). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same without tab, line feed and carriage return, for long text where line breaks make sense. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069): they reorder how the text around them is shown ("Trojan
 * Source"), so a name could display as something else than it is. The marks
 * LRM, RLM and ALM, which only affect one position, stay allowed.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A UTF-16 half without its other half: not text, and not storable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;
/** U+FFFE, U+FFFF, U+FDD0-U+FDEF and the like: never meant for interchange. */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
/**
 * Characters that show nothing on their own: white space, format characters
 * (zero-width spaces and joiners, byte-order mark, soft hyphen), other default
 * ignorables (Hangul fillers, variation selectors), combining marks without a
 * base, controls, and the braille blank.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\p{Cc}\u2800]*$/u;

/** True when `s` is well-formed UTF-16 (no lone surrogate), so it can be stored and sent as UTF-8. */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * What is wrong with the characters of `s`, or undefined: lone surrogates,
 * noncharacters, bidirectional controls and control characters (tab and line
 * breaks allowed only when `multiline`).
 */
export function unsafeCharacters(s: string, multiline = false): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'is not valid Unicode text (it contains half of a surrogate pair)';
  if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(s)) {
    return multiline
      ? 'must not contain control characters (line breaks and tabs are fine)'
      : 'must not contain control characters or line breaks';
  }
  if (BIDI_CONTROL.test(s))
    return 'must not contain bidirectional embedding, override or isolate characters (U+202A-U+202E, U+2066-U+2069)';
  if (NONCHARACTER.test(s)) return 'must not contain Unicode noncharacters such as U+FFFF';
  return undefined;
}

/**
 * Trims the input, normalises it to NFC (so "é" typed as e + accent and as
 * one character are stored alike) and checks its length in characters
 * (Unicode code points, the way PostgreSQL's varchar(n) counts, so one emoji
 * or one Chinese character is one). Empty after trimming passes as '' unless
 * `required` (default false). Refused: text made only of invisible characters
 * (zero-width spaces, byte-order marks, fillers), lone surrogates,
 * bidirectional controls, noncharacters and control characters; tab and line
 * breaks only with `multiline` (descriptions, summaries, recommendations).
 */
export function checkLength(input: string, max: number, options: { required?: boolean; multiline?: boolean } = {}): Check {
  const unsafe = unsafeCharacters(input, options.multiline);
  if (unsafe) return fail(unsafe);
  const s = input.trim().normalize('NFC');
  if (s === '') return options.required ? fail('must not be empty') : ok('');
  if (INVISIBLE_ONLY.test(s)) return fail('must contain visible characters, not only invisible ones such as zero-width spaces');
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
  if (/\s/u.test(s)) return fail(`must not contain spaces; ${EMAIL_SHAPE}`);
  const unsafe = unsafeCharacters(s) ?? (/\p{Cf}/u.test(s) ? 'must not contain invisible formatting characters' : undefined);
  if (unsafe) return fail(`${unsafe}; ${EMAIL_SHAPE}`);
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
