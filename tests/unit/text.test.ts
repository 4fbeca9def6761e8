import { describe, it, expect } from 'vitest';
import { NAME_MAX, TEXT_MAX, checkEmail, checkLength, checkPhone, checkUrl } from '../../subgraphs/kit/validation/text';

type R = { ok: true; value: string } | { ok: false; reason: string };
const reasonOf = (r: R) => {
  if (r.ok) throw new Error(`expected a failure, got "${r.value}"`);
  return r.reason;
};

describe('checkLength', () => {
  it('exports the limits', () => {
    expect(NAME_MAX).toBe(200);
    expect(TEXT_MAX).toBe(5000);
  });

  it('trims and accepts up to the maximum', () => {
    expect(checkLength('  Leuven Cleantech  ', NAME_MAX)).toEqual({ ok: true, value: 'Leuven Cleantech' });
    expect(checkLength('a'.repeat(200), NAME_MAX)).toEqual({ ok: true, value: 'a'.repeat(200) });
    expect(checkLength(` ${'b'.repeat(200)} `, NAME_MAX)).toEqual({ ok: true, value: 'b'.repeat(200) });
  });

  it('rejects one character over the maximum, saying the limit and the length', () => {
    expect(reasonOf(checkLength('a'.repeat(201), NAME_MAX))).toBe('must be at most 200 characters; got 201');
    expect(checkLength('x'.repeat(5001), TEXT_MAX).ok).toBe(false);
    expect(checkLength('x'.repeat(5000), TEXT_MAX).ok).toBe(true);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkLength('成'.repeat(200), NAME_MAX).ok).toBe(true);
    expect(checkLength('🌱'.repeat(200), NAME_MAX)).toEqual({ ok: true, value: '🌱'.repeat(200) });
    expect(checkLength('🌱'.repeat(201), NAME_MAX).ok).toBe(false);
  });

  it('lets empty input pass as "" unless required', () => {
    expect(checkLength('', NAME_MAX)).toEqual({ ok: true, value: '' });
    expect(checkLength('   ', NAME_MAX, { required: false })).toEqual({ ok: true, value: '' });
    expect(reasonOf(checkLength('', NAME_MAX, { required: true }))).toBe('must not be empty');
    expect(checkLength(' \n\t ', NAME_MAX, { required: true }).ok).toBe(false);
    expect(checkLength(' x ', NAME_MAX, { required: true })).toEqual({ ok: true, value: 'x' });
  });

  it('keeps inner line breaks and tabs in multi-line text but rejects other control characters', () => {
    const multiline = { multiline: true };
    expect(checkLength('line 1\nline 2\r\n\tend', TEXT_MAX, multiline)).toEqual({ ok: true, value: 'line 1\nline 2\r\n\tend' });
    expect(reasonOf(checkLength('a\u0000b', TEXT_MAX, multiline))).toMatch(/control characters/);
    expect(checkLength('a\u001bb', TEXT_MAX, multiline).ok).toBe(false);
    expect(checkLength('a\u0085b', TEXT_MAX, multiline).ok).toBe(false); // C1: next line
  });

  it('refuses line breaks and tabs in single-line values (names, titles)', () => {
    for (const s of ['Acme\nCorp', 'Acme\rCorp', 'Acme\tCorp', 'Acme\u0085Corp', 'Acme\u009bCorp', 'Acme\u007fCorp']) {
      expect(reasonOf(checkLength(s, NAME_MAX)), JSON.stringify(s)).toMatch(/control characters or line breaks/);
    }
  });

  it('refuses text made only of invisible characters', () => {
    for (const s of [
      '\u200b',
      '\u200b\u200c\u200d',
      '\u2060\ufeff',
      '\u3164',
      '\u115f\u1160',
      '\u00ad',
      '\u0301',
      '\ufe0f',
      '\u2800',
      '\u200e',
    ]) {
      expect(reasonOf(checkLength(s, NAME_MAX, { required: true })), JSON.stringify(s)).toMatch(/visible characters/);
      expect(checkLength(s, NAME_MAX).ok, JSON.stringify(s)).toBe(false);
    }
    // Invisible characters inside visible text are someone's business (ZWJ in emoji, ZWNJ in Persian).
    expect(checkLength('👩\u200d💻 Studio', NAME_MAX).ok).toBe(true);
    expect(checkLength('می\u200cخواهم', NAME_MAX).ok).toBe(true);
  });

  it('refuses bidirectional embeddings, overrides and isolates but keeps the marks', () => {
    for (const ch of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(reasonOf(checkLength(`Acme ${ch}gnp.exe`, NAME_MAX))).toMatch(/bidirectional/);
    }
    expect(checkLength('Acme \u200fשלום', NAME_MAX).ok).toBe(true);
  });

  it('refuses lone surrogates and noncharacters, and keeps surrogate pairs', () => {
    expect(reasonOf(checkLength('Acme \ud800 Corp', NAME_MAX))).toMatch(/surrogate/);
    expect(reasonOf(checkLength('Acme \udfff', NAME_MAX))).toMatch(/surrogate/);
    expect(reasonOf(checkLength('Acme \uffff', NAME_MAX))).toMatch(/noncharacter/);
    expect(checkLength('Acme 🌱', NAME_MAX)).toEqual({ ok: true, value: 'Acme 🌱' });
  });

  it('normalises to NFC, and counts the length after it', () => {
    expect(checkLength('Cafe\u0301', NAME_MAX)).toEqual({ ok: true, value: 'Café' });
    expect(checkLength('e\u0301'.repeat(NAME_MAX), NAME_MAX).ok).toBe(true); // 400 code points, 200 after NFC
  });
});

describe('checkEmail', () => {
  it('refuses control, bidirectional and invisible formatting characters', () => {
    for (const s of ['a\u0085b@example.org', 'a\u202eb@example.org', 'a\u200bb@example.org', 'a\ud800@example.org']) {
      expect(checkEmail(s).ok, JSON.stringify(s)).toBe(false);
    }
  });

  it('accepts ordinary addresses, trimmed, with the domain lower-cased', () => {
    expect(checkEmail('info@vlaamsbrabant.be')).toEqual({ ok: true, value: 'info@vlaamsbrabant.be' });
    expect(checkEmail('  Jan.Peeters@VlaamsBrabant.BE ')).toEqual({ ok: true, value: 'Jan.Peeters@vlaamsbrabant.be' });
    expect(checkEmail('first.last+china@sub.example.co.uk')).toEqual({ ok: true, value: 'first.last+china@sub.example.co.uk' });
    expect(checkEmail("o'neil_x-y@a-b.example")).toEqual({ ok: true, value: "o'neil_x-y@a-b.example" });
    expect(checkEmail('chengdu@例子.中国')).toEqual({ ok: true, value: 'chengdu@例子.中国' });
  });

  it('requires exactly one @ and a name before it', () => {
    expect(reasonOf(checkEmail('info.vlaamsbrabant.be'))).toMatch(/exactly one @/);
    expect(reasonOf(checkEmail('a@b@example.org'))).toMatch(/exactly one @/);
    expect(reasonOf(checkEmail('@example.org'))).toMatch(/before the @/);
  });

  it('requires a domain with a dot and sensible labels', () => {
    for (const bad of [
      'info@localhost',
      'info@',
      'info@.be',
      'info@example.',
      'info@example..be',
      'info@-x.be',
      'info@x-.be',
      'info@1.2.3.4',
      'info@[127.0.0.1]',
      'info@ex_ample.be',
    ]) {
      expect(reasonOf(checkEmail(bad)), bad).toMatch(/domain name/);
    }
  });

  it('rejects spaces and characters a plain address cannot use', () => {
    expect(reasonOf(checkEmail('jan peeters@example.org'))).toMatch(/spaces/);
    expect(checkEmail('jan@exa mple.org').ok).toBe(false);
    for (const bad of [
      '.jan@example.org',
      'jan.@example.org',
      'ja..n@example.org',
      'jan<x>@example.org',
      '"jan"@example.org',
      'jan,x@example.org',
    ]) {
      expect(checkEmail(bad).ok, bad).toBe(false);
    }
  });

  it('rejects empty input and over-long addresses', () => {
    expect(checkEmail('').ok).toBe(false);
    expect(checkEmail('   ').ok).toBe(false);
    const okAddress = `${'a'.repeat(62)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.be`;
    expect(okAddress.length).toBe(254);
    expect(checkEmail(okAddress)).toEqual({ ok: true, value: okAddress });
    const tooLong = `${'a'.repeat(63)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.be`;
    expect(tooLong.length).toBe(255);
    expect(reasonOf(checkEmail(tooLong))).toMatch(/at most 254 characters/);
    expect(reasonOf(checkEmail(`${'a'.repeat(65)}@example.org`))).toMatch(/at most 64 characters before the @/);
  });
});

describe('checkUrl', () => {
  it('accepts http and https and returns the normalised href', () => {
    expect(checkUrl('https://www.vlaamsbrabant.be/china')).toEqual({ ok: true, value: 'https://www.vlaamsbrabant.be/china' });
    expect(checkUrl('  HTTPS://WWW.Example.ORG  ')).toEqual({ ok: true, value: 'https://www.example.org/' });
    expect(checkUrl('http://example.org:80/a/../b?q=1#top')).toEqual({ ok: true, value: 'http://example.org/b?q=1#top' });
    expect(checkUrl('https://例子.中国/路径')).toEqual({
      ok: true,
      value: 'https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84',
    });
  });

  it('rejects other schemes', () => {
    for (const bad of ['ftp://example.org/', 'mailto:info@example.org', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi']) {
      expect(reasonOf(checkUrl(bad)), bad).toMatch(/http:\/\/ or https:\/\//);
    }
  });

  it('rejects addresses without a scheme or host, and unparsable input', () => {
    for (const bad of ['www.example.org', 'example.org/path', '/relative/path', 'https://', 'http://', 'https:// example.org', '', '   ']) {
      expect(checkUrl(bad).ok, bad).toBe(false);
    }
  });

  it('rejects credentials in the address', () => {
    expect(reasonOf(checkUrl('https://user:secret@example.org/'))).toMatch(/user name or password/);
    expect(checkUrl('https://user@example.org/').ok).toBe(false);
  });

  it('rejects over-long addresses', () => {
    expect(reasonOf(checkUrl(`https://example.org/${'a'.repeat(2100)}`))).toMatch(/at most 2048/);
  });
});

describe('checkPhone', () => {
  it('accepts the usual ways of writing a number, trimmed with spaces collapsed', () => {
    expect(checkPhone('+32 16 26 76 00')).toEqual({ ok: true, value: '+32 16 26 76 00' });
    expect(checkPhone(' (016) 26.76.00 ')).toEqual({ ok: true, value: '(016) 26.76.00' });
    expect(checkPhone('+86 28-8888  8888')).toEqual({ ok: true, value: '+86 28-8888 8888' });
    expect(checkPhone('016/26.76.00')).toEqual({ ok: true, value: '016/26.76.00' });
    expect(checkPhone('123456')).toEqual({ ok: true, value: '123456' });
    expect(checkPhone('1'.repeat(20))).toEqual({ ok: true, value: '1'.repeat(20) });
  });

  it('requires 6 to 20 digits', () => {
    expect(reasonOf(checkPhone('12345'))).toMatch(/6 to 20 digits.*got 5 digits/);
    expect(reasonOf(checkPhone('1'.repeat(21)))).toMatch(/got 21 digits/);
    expect(checkPhone('+(..)-/').ok).toBe(false);
    expect(checkPhone('').ok).toBe(false);
    expect(checkPhone('   ').ok).toBe(false);
  });

  it('rejects letters, other symbols and a + that is not leading', () => {
    for (const bad of ['016 26 76 00 ext 5', '0800-FLOWERS', '016#267600', '32+16267600', '++3216267600', '016_267600']) {
      expect(checkPhone(bad).ok, bad).toBe(false);
    }
    expect(reasonOf(checkPhone('0800-FLOWERS'))).toMatch(/only digits, spaces/);
  });
});
