import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CreatePartnerInput, UpdatePartnerInput } from '../../subgraphs/partners/resolvers/inputs';
import { checkCreditCode } from '../../subgraphs/partners/validation';
import { partnerColumns } from '../../subgraphs/partners/validate';
import { CleantechDomain as D, PartnerKind, PartnershipTheme as T } from '../../subgraphs/kit/domain';
import { NAME_MAX } from '../../subgraphs/kit/validation';

const create = (over: Partial<CreatePartnerInput> = {}): CreatePartnerInput =>
  Object.assign(new CreatePartnerInput(), {
    creditCode: '91510107MA6GCA9969',
    nameZh: '测试有限公司',
    nameEn: 'Test Co., Ltd.',
    kind: PartnerKind.COMPANY,
    district: 'Wuhou',
    cleantechDomains: [D.WATER_TREATMENT],
    themes: [T.FOREIGN_INVESTMENT],
    ...over,
  });
const update = (over: Partial<UpdatePartnerInput>): UpdatePartnerInput => Object.assign(new UpdatePartnerInput(), over);

function badField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    const e = err as { extensions?: { code?: string; field?: string } };
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    return e.extensions?.field;
  }
  return undefined;
}

describe('checkCreditCode', () => {
  it('accepts lower case and spaces and answers the upper-case code', () => {
    expect(checkCreditCode(' 9151 0107 ma6g ca99 69 ')).toEqual({ ok: true, value: '91510107MA6GCA9969' });
  });
  it('refuses a wrong check character or a wrong length', () => {
    expect(checkCreditCode('91510107MA6GCA9968').ok).toBe(false);
    expect(checkCreditCode('91510107MA6GCA996').ok).toBe(false);
  });
});

describe('partnerColumns', () => {
  it('normalises a create input: code, district as pinyin, arrays deduplicated and sorted, website', () => {
    const cols = partnerColumns(
      create({
        creditCode: '91510107ma6gca9969',
        nameEn: '  Test Co., Ltd.  ',
        district: '武侯区',
        cleantechDomains: [D.WATER_TREATMENT, D.AIR_QUALITY, D.WATER_TREATMENT],
        themes: [T.SMART_HUB_CLUSTERS, T.FOREIGN_INVESTMENT, T.SMART_HUB_CLUSTERS],
        website: 'HTTPS://Example.CN',
        contact: { name: 'Wang Fang', email: 'wangfang@Example.CN', phone: '+86 28 8888 8888' },
      }),
    );
    expect(cols).toEqual({
      creditCode: '91510107MA6GCA9969',
      nameZh: '测试有限公司',
      nameEn: 'Test Co., Ltd.',
      kind: PartnerKind.COMPANY,
      district: 'Wuhou',
      cleantechDomains: [D.AIR_QUALITY, D.WATER_TREATMENT],
      themes: [T.FOREIGN_INVESTMENT, T.SMART_HUB_CLUSTERS],
      website: 'https://example.cn/',
      contactName: 'Wang Fang',
      contactEmail: 'wangfang@example.cn',
      contactPhone: '+86 28 8888 8888',
    });
  });

  it('accepts district names in any case and with a suffix', () => {
    for (const d of ['wuhou', 'WUHOU', 'Wuhou District', '武侯']) expect(partnerColumns(create({ district: d })).district).toBe('Wuhou');
  });

  it('returns only the fields an update carries; null website and contact clear them', () => {
    expect(partnerColumns(update({ nameEn: 'New name' }))).toEqual({ nameEn: 'New name' });
    expect(partnerColumns(update({ website: null, contact: null }))).toEqual({
      website: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
    });
    expect(partnerColumns(update({}))).toEqual({});
  });

  it('names the field at fault', () => {
    expect(badField(() => partnerColumns(create({ creditCode: '91510107MA6GCA9968' })))).toBe('input.creditCode');
    expect(badField(() => partnerColumns(create({ nameZh: '   ' })))).toBe('input.nameZh');
    expect(badField(() => partnerColumns(create({ nameEn: 'x'.repeat(NAME_MAX + 1) })))).toBe('input.nameEn');
    expect(badField(() => partnerColumns(create({ district: 'Gotham' })))).toBe('input.district');
    expect(badField(() => partnerColumns(create({ district: 'Tianfu New Area' })))).toBe('input.district');
    expect(badField(() => partnerColumns(create({ website: 'ftp://example.cn' })))).toBe('input.website');
    expect(badField(() => partnerColumns(create({ contact: { name: 'A', email: 'not-an-address' } })))).toBe('input.contact.email');
    expect(badField(() => partnerColumns(update({ nameEn: null })))).toBe('input.nameEn');
    expect(badField(() => partnerColumns(update({ kind: null })))).toBe('input.kind');
    expect(badField(() => partnerColumns(update({ district: null })))).toBe('input.district');
    expect(badField(() => partnerColumns(update({ themes: null })))).toBe('input.themes');
    expect(badField(() => partnerColumns(update({ cleantechDomains: null })))).toBe('input.cleantechDomains');
  });

  it('accepts names of exactly NAME_MAX characters, counted as code points', () => {
    expect(partnerColumns(update({ nameZh: '成'.repeat(NAME_MAX) })).nameZh).toHaveLength(NAME_MAX);
  });
});
