import { describe, it, expect } from 'vitest';
import { ASSESSMENTS, COMPANIES, EVENTS, MEMBERSHIPS, PARTNERS, PROJECTS } from '../helpers/demo';
import { REFERENCE_CLUSTERS as CLUSTERS } from '../../subgraphs/clusters/migrations/1764288000001-ClusterReferenceData';
import {
  ChinaStatus,
  CleantechDomain,
  ClusterCode,
  EventKind,
  PartnerKind,
  PartnershipTheme,
  ProjectStatus,
} from '../../subgraphs/kit/domain';
import {
  MUNICIPALITIES,
  checkEnterpriseNumber,
  checkMunicipality,
  checkPostalCode,
  findMunicipality,
} from '../../subgraphs/companies/validation';
import { checkCreditCode, checkDistrict, districtByCode } from '../../subgraphs/partners/validation';

/** The demo's "today": completed projects lie before it, proposed ones after it. */
const TODAY = '2026-11-28';

const values = <T extends string>(e: Record<string, T>): T[] => Object.values(e);
const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
};
const duplicates = (items: readonly string[]): string[] => items.filter((x, i) => items.indexOf(x) !== i);
const CJK = /\p{Script=Han}/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const EMAIL = /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/;

/** Last Sunday of a month (UTC date), for the EU summer-time rule. */
function lastSunday(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)); // last day of `month` (1-based)
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.toISOString().slice(0, 10);
}
/** Belgium's UTC offset on a local date: +02:00 from the last Sunday of March to the last Sunday of October. */
function belgianOffset(date: string): string {
  const y = Number(date.slice(0, 4));
  return date >= lastSunday(y, 3) && date < lastSunday(y, 10) ? '+02:00' : '+01:00';
}

const companyByNumber = new Map(COMPANIES.map((c) => [c.enterpriseNumber, c]));
const partnerByCode = new Map(PARTNERS.map((p) => [p.creditCode, p]));
const projectByKey = new Map(PROJECTS.map((p) => [p.key, p]));

describe('companies seed', () => {
  it('has at least 64 companies with unique enterprise numbers and names', () => {
    expect(COMPANIES.length).toBeGreaterThanOrEqual(64);
    expect(duplicates(COMPANIES.map((c) => c.enterpriseNumber))).toEqual([]);
    expect(duplicates(COMPANIES.map((c) => c.name))).toEqual([]);
  });

  it('uses valid, normalised enterprise numbers, including the 1-series and check digits 97', () => {
    for (const c of COMPANIES) {
      const r = checkEnterpriseNumber(c.enterpriseNumber);
      expect(r, c.enterpriseNumber).toEqual({ ok: true, value: c.enterpriseNumber });
    }
    expect(COMPANIES.some((c) => c.enterpriseNumber.startsWith('1'))).toBe(true);
    expect(COMPANIES.some((c) => c.enterpriseNumber.endsWith('97'))).toBe(true);
  });

  it('places every company in a canonical municipality with one of its own postal codes', () => {
    for (const c of COMPANIES) {
      expect(checkMunicipality(c.municipality), c.name).toEqual({ ok: true, value: c.municipality });
      expect(checkPostalCode(c.postalCode), c.name).toEqual({ ok: true, value: c.postalCode });
      expect(findMunicipality(c.municipality)?.postalCodes, c.name).toContain(c.postalCode);
    }
  });

  it('spreads over at least 30 municipalities in both arrondissements', () => {
    const names = new Set(COMPANIES.map((c) => c.municipality));
    expect(names.size).toBeGreaterThanOrEqual(30);
    const arrondissements = countBy([...names], (n) => findMunicipality(n)!.arrondissement);
    expect(arrondissements.get('Leuven')).toBeGreaterThanOrEqual(10);
    expect(arrondissements.get('Halle-Vilvoorde')).toBeGreaterThanOrEqual(10);
    // In fact every one of the 63 municipalities has at least one company.
    expect(MUNICIPALITIES.filter((m) => !names.has(m.name)).map((m) => m.name)).toEqual([]);
  });

  it('gives each company 1 to 3 distinct cleantech domains, each domain used by several companies', () => {
    for (const c of COMPANIES) {
      expect(c.cleantechDomains.length, c.name).toBeGreaterThanOrEqual(1);
      expect(c.cleantechDomains.length, c.name).toBeLessThanOrEqual(3);
      expect(duplicates(c.cleantechDomains), c.name).toEqual([]);
    }
    const used = countBy(
      COMPANIES.flatMap((c) => c.cleantechDomains),
      (d) => d,
    );
    for (const d of values(CleantechDomain)) expect(used.get(d) ?? 0, d).toBeGreaterThanOrEqual(4);
  });

  it('has about 15 ACTIVE, 25 EXPLORING and the rest NOT_ACTIVE in China', () => {
    const by = countBy(COMPANIES, (c) => c.chinaStatus);
    expect(by.get(ChinaStatus.ACTIVE)).toBeGreaterThanOrEqual(12);
    expect(by.get(ChinaStatus.ACTIVE)).toBeLessThanOrEqual(18);
    expect(by.get(ChinaStatus.EXPLORING)).toBeGreaterThanOrEqual(22);
    expect(by.get(ChinaStatus.EXPLORING)).toBeLessThanOrEqual(30);
    expect(by.get(ChinaStatus.NOT_ACTIVE)).toBeGreaterThanOrEqual(20);
  });

  it('has plausible years and sizes: mostly SMEs, a few larger', () => {
    for (const c of COMPANIES) {
      expect(Number.isInteger(c.employees) && c.employees > 0, c.name).toBe(true);
      if (c.foundedYear !== null) {
        expect(c.foundedYear, c.name).toBeGreaterThanOrEqual(1950);
        expect(c.foundedYear, c.name).toBeLessThanOrEqual(2024);
      }
    }
    const large = COMPANIES.filter((c) => c.employees >= 250).length;
    expect(large).toBeGreaterThanOrEqual(1);
    expect(large / COMPANIES.length).toBeLessThan(0.1);
  });

  it('has NL and EN descriptions for all and ZH for about a third', () => {
    for (const c of COMPANIES) {
      expect(c.descriptionNl?.length, c.name).toBeGreaterThan(40);
      expect(c.descriptionEn?.length, c.name).toBeGreaterThan(40);
      if (c.descriptionZh !== null) expect(c.descriptionZh, c.name).toMatch(CJK);
    }
    const zh = COMPANIES.filter((c) => c.descriptionZh).length / COMPANIES.length;
    expect(zh).toBeGreaterThanOrEqual(0.25);
    expect(zh).toBeLessThanOrEqual(0.45);
  });

  it('uses https websites and contacts on the company domain with Belgian phone numbers', () => {
    for (const c of COMPANIES) {
      if (c.website) expect(c.website, c.name).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}$/);
      if (!c.contact) continue;
      expect(c.contact.name.length, c.name).toBeGreaterThan(3);
      expect(c.contact.email, c.name).toMatch(EMAIL);
      if (c.website) {
        const host = new URL(c.website).hostname.replace(/^www\./, '');
        expect(c.contact.email.split('@')[1], c.name).toBe(host);
      }
      if (c.contact.phone)
        expect(c.contact.phone, c.name).toMatch(/^\+32 (?:2 \d{3} \d{2} \d{2}|\d{2} \d{2} \d{2} \d{2}|4\d{2} \d{2} \d{2} \d{2})$/);
    }
    expect(COMPANIES.filter((c) => c.contact).length / COMPANIES.length).toBeGreaterThan(0.9);
  });
});

describe('clusters seed', () => {
  it('has exactly the five Smart Hub clusters with names and descriptions in three languages', () => {
    expect(CLUSTERS.map((c) => c.code).sort()).toEqual(values(ClusterCode).sort());
    for (const c of CLUSTERS) {
      for (const text of [c.nameNl, c.nameEn, c.descriptionNl, c.descriptionEn]) expect(text.length).toBeGreaterThan(3);
      expect(c.nameZh).toMatch(CJK);
      expect(c.descriptionZh).toMatch(CJK);
    }
  });

  it('refers only to seeded companies, once per cluster', () => {
    for (const m of MEMBERSHIPS) expect(companyByNumber.has(m.enterpriseNumber), m.enterpriseNumber).toBe(true);
    expect(duplicates(MEMBERSHIPS.map((m) => `${m.cluster} ${m.enterpriseNumber}`))).toEqual([]);
  });

  it('gives every cluster members, CLEANTECH the most (at least 25)', () => {
    const by = countBy(MEMBERSHIPS, (m) => m.cluster);
    for (const code of values(ClusterCode)) expect(by.get(code) ?? 0, code).toBeGreaterThanOrEqual(5);
    const cleantech = by.get(ClusterCode.CLEANTECH)!;
    expect(cleantech).toBeGreaterThanOrEqual(25);
    for (const [code, n] of by) if (code !== ClusterCode.CLEANTECH) expect(n).toBeLessThan(cleantech);
  });

  it('has at least 10 companies in two or more clusters', () => {
    const perCompany = countBy(MEMBERSHIPS, (m) => m.enterpriseNumber);
    expect([...perCompany.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(10);
  });

  it('dates memberships between 2016 and 2025, not before the company was founded', () => {
    for (const m of MEMBERSHIPS) {
      const since = m.since ?? '';
      expect(isRealDate(since), since).toBe(true);
      expect(since >= '2016-01-01' && since <= '2025-12-31', since).toBe(true);
      const founded = companyByNumber.get(m.enterpriseNumber)?.foundedYear;
      if (founded != null) expect(Number(since.slice(0, 4))).toBeGreaterThanOrEqual(founded);
    }
  });
});

describe('partners seed', () => {
  it('has at least 32 partners with unique credit codes and names', () => {
    expect(PARTNERS.length).toBeGreaterThanOrEqual(32);
    expect(duplicates(PARTNERS.map((p) => p.creditCode))).toEqual([]);
    expect(duplicates(PARTNERS.map((p) => p.nameZh))).toEqual([]);
    expect(duplicates(PARTNERS.map((p) => p.nameEn))).toEqual([]);
  });

  it('uses valid credit codes whose region code is the district, including a check character 0', () => {
    for (const p of PARTNERS) {
      expect(checkCreditCode(p.creditCode), p.nameEn).toEqual({ ok: true, value: p.creditCode });
      expect(checkDistrict(p.district), p.nameEn).toEqual({ ok: true, value: p.district });
      expect(districtByCode(p.creditCode.slice(2, 8))?.pinyin, p.nameEn).toBe(p.district);
    }
    expect(PARTNERS.some((p) => p.creditCode.endsWith('0'))).toBe(true);
  });

  it('uses registering authority and category codes that fit the kind of organisation', () => {
    const expected: Record<PartnerKind, RegExp> = {
      [PartnerKind.COMPANY]: /^91/,
      [PartnerKind.GOVERNMENT]: /^11/,
      [PartnerKind.UNIVERSITY]: /^12/,
      [PartnerKind.INDUSTRIAL_PARK]: /^(11|91)/,
      [PartnerKind.ASSOCIATION]: /^5[123]/,
    };
    for (const p of PARTNERS) expect(p.creditCode, p.nameEn).toMatch(expected[p.kind]);
    for (const p of PARTNERS.filter((x) => x.creditCode.startsWith('91'))) expect(p.nameZh, p.nameEn).toMatch(/有限公司$/);
  });

  it('covers every kind, every theme and at least 12 districts', () => {
    const kinds = countBy(PARTNERS, (p) => p.kind);
    for (const k of values(PartnerKind)) expect(kinds.get(k) ?? 0, k).toBeGreaterThanOrEqual(3);
    const themes = new Set(PARTNERS.flatMap((p) => p.themes));
    expect([...themes].sort()).toEqual(values(PartnershipTheme).sort());
    expect(new Set(PARTNERS.map((p) => p.district)).size).toBeGreaterThanOrEqual(12);
  });

  it("has Chinese and English names and domains that fit Chengdu's needs", () => {
    for (const p of PARTNERS) {
      expect(p.nameZh, p.nameEn).toMatch(CJK);
      expect(p.nameEn, p.nameEn).toMatch(/^[A-Za-z]/);
      expect(p.themes.length, p.nameEn).toBeGreaterThanOrEqual(1);
      expect(duplicates(p.themes), p.nameEn).toEqual([]);
      expect(duplicates(p.cleantechDomains), p.nameEn).toEqual([]);
      if (p.kind !== PartnerKind.GOVERNMENT && p.kind !== PartnerKind.ASSOCIATION) {
        expect(p.cleantechDomains.length, p.nameEn).toBeGreaterThanOrEqual(1);
      }
      if (p.website) expect(p.website).toMatch(/^https:\/\//);
      if (p.contact) {
        expect(p.contact.email, p.nameEn).toMatch(EMAIL);
        if (p.contact.phone) expect(p.contact.phone, p.nameEn).toMatch(/^\+86 (28 \d{4} \d{4}|1\d{2} \d{4} \d{4})$/);
      }
    }
    const used = countBy(
      PARTNERS.flatMap((p) => p.cleantechDomains),
      (d) => d,
    );
    for (const d of [
      CleantechDomain.WASTE_PROCESSING,
      CleantechDomain.DRINKING_WATER,
      CleantechDomain.WATER_TREATMENT,
      CleantechDomain.ENERGY_PRODUCTION,
      CleantechDomain.HEAT_PRODUCTION,
    ]) {
      expect(used.get(d) ?? 0, d).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('projects seed', () => {
  it('has at least 12 projects with unique keys covering all themes and statuses', () => {
    expect(PROJECTS.length).toBeGreaterThanOrEqual(12);
    expect(duplicates(PROJECTS.map((p) => p.key))).toEqual([]);
    expect(new Set(PROJECTS.map((p) => p.theme))).toEqual(new Set(values(PartnershipTheme)));
    expect(new Set(PROJECTS.map((p) => p.status))).toEqual(new Set(values(ProjectStatus)));
  });

  it('gives each project at least 2 seeded companies and 1 seeded partner, without repeats', () => {
    for (const p of PROJECTS) {
      expect(p.companies.length, p.key).toBeGreaterThanOrEqual(2);
      expect(p.partners.length, p.key).toBeGreaterThanOrEqual(1);
      expect(duplicates(p.companies), p.key).toEqual([]);
      expect(duplicates(p.partners), p.key).toEqual([]);
      for (const n of p.companies) expect(companyByNumber.has(n), `${p.key}: ${n}`).toBe(true);
      for (const c of p.partners) expect(partnerByCode.has(c), `${p.key}: ${c}`).toBe(true);
    }
  });

  it('has dates that fit the status, endsOn never before startsOn', () => {
    for (const p of PROJECTS) {
      if (p.startsOn) expect(isRealDate(p.startsOn), p.key).toBe(true);
      if (p.endsOn) expect(isRealDate(p.endsOn), p.key).toBe(true);
      if (p.startsOn && p.endsOn) expect(p.endsOn >= p.startsOn, p.key).toBe(true);
      switch (p.status) {
        case ProjectStatus.COMPLETED:
          expect(p.endsOn! < TODAY, p.key).toBe(true);
          break;
        case ProjectStatus.ACTIVE:
          expect(p.startsOn! <= TODAY && TODAY <= p.endsOn!, p.key).toBe(true);
          break;
        case ProjectStatus.PROPOSED:
          expect(p.startsOn! > TODAY, p.key).toBe(true);
          break;
      }
      if (p.startsOn) {
        for (const n of p.companies) {
          const founded = companyByNumber.get(n)!.foundedYear;
          if (founded !== null) expect(founded, `${p.key}: ${n}`).toBeLessThanOrEqual(Number(p.startsOn.slice(0, 4)));
        }
      }
    }
  });

  it('has positive whole-euro budgets and a known lead organisation', () => {
    for (const p of PROJECTS) {
      if (p.budgetEur !== null) expect(Number.isInteger(p.budgetEur) && p.budgetEur > 0, p.key).toBe(true);
      expect(['vlaams-brabant', 'smart-hub', 'chengdu']).toContain(p.leadOrganisation);
      expect(p.title.length, p.key).toBeGreaterThan(5);
      expect(p.summary?.length, p.key).toBeGreaterThan(40);
    }
  });
});

describe('events seed', () => {
  it('has at least 18 events with unique keys, of all four kinds', () => {
    expect(EVENTS.length).toBeGreaterThanOrEqual(18);
    expect(duplicates(EVENTS.map((e) => e.key))).toEqual([]);
    const kinds = countBy(EVENTS, (e) => e.kind);
    for (const k of values(EventKind)) expect(kinds.get(k) ?? 0, k).toBeGreaterThanOrEqual(2);
  });

  it('uses ISO date-times with the right offset: +08:00 in Chengdu, Belgian time otherwise', () => {
    for (const e of EVENTS) {
      expect(e.startsAt, e.key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(Number.isNaN(Date.parse(e.startsAt)), e.key).toBe(false);
      const offset = e.startsAt.slice(-6);
      if (e.location.includes('Chengdu')) expect(offset, e.key).toBe('+08:00');
      else expect(offset, e.key).toBe(belgianOffset(e.startsAt.slice(0, 10)));
    }
  });

  it('spreads from 2025 into 2027, with several upcoming events', () => {
    const years = new Set(EVENTS.map((e) => e.startsAt.slice(0, 4)));
    expect([...years].sort()).toEqual(['2025', '2026', '2027']);
    expect(EVENTS.filter((e) => e.startsAt.slice(0, 10) > TODAY).length).toBeGreaterThanOrEqual(4);
  });

  it('mostly belongs to seeded projects, a few stand alone', () => {
    const linked = EVENTS.filter((e) => e.project !== null);
    for (const e of linked) expect(projectByKey.has(e.project!), e.key).toBe(true);
    expect(linked.length / EVENTS.length).toBeGreaterThan(0.5);
    expect(EVENTS.length - linked.length).toBeGreaterThanOrEqual(1);
  });

  it('has seeded attendees, each once, founded before the event', () => {
    for (const e of EVENTS) {
      expect(e.attendees.length, e.key).toBeGreaterThanOrEqual(1);
      expect(duplicates(e.attendees), e.key).toEqual([]);
      for (const n of e.attendees) {
        const c = companyByNumber.get(n);
        expect(c, `${e.key}: ${n}`).toBeDefined();
        if (c && c.foundedYear !== null) expect(c.foundedYear).toBeLessThanOrEqual(Number(e.startsAt.slice(0, 4)));
      }
    }
  });

  it('includes the early-February 2027 sector event in Leuven where ACTIVE companies meet EXPLORING ones', () => {
    const event = EVENTS.find(
      (e) => e.kind === EventKind.SECTOR_EVENT && e.startsAt.startsWith('2027-02') && e.location.includes('Leuven'),
    );
    expect(event).toBeDefined();
    expect(Number(event!.startsAt.slice(8, 10))).toBeLessThanOrEqual(14);
    const statuses = countBy(event!.attendees, (n) => companyByNumber.get(n)!.chinaStatus);
    expect(statuses.get(ChinaStatus.ACTIVE) ?? 0).toBeGreaterThanOrEqual(3);
    expect(statuses.get(ChinaStatus.EXPLORING) ?? 0).toBeGreaterThanOrEqual(3);
  });
});

describe('assessments seed', () => {
  it('has at least 24 assessments of seeded companies, once per company and panel', () => {
    expect(ASSESSMENTS.length).toBeGreaterThanOrEqual(24);
    for (const a of ASSESSMENTS) expect(companyByNumber.has(a.enterpriseNumber), a.enterpriseNumber).toBe(true);
    expect(duplicates(ASSESSMENTS.map((a) => `${a.enterpriseNumber} ${a.panelDate}`))).toEqual([]);
  });

  it('spreads market fit over 1..5 with concrete recommendations', () => {
    for (const a of ASSESSMENTS) {
      expect([1, 2, 3, 4, 5]).toContain(a.marketFit);
      expect(a.recommendation.length, a.enterpriseNumber).toBeGreaterThan(60);
    }
    const fits = countBy(ASSESSMENTS, (a) => String(a.marketFit));
    for (const f of ['1', '2', '3', '4', '5']) expect(fits.get(f) ?? 0, f).toBeGreaterThanOrEqual(2);
  });

  it('assesses mostly EXPLORING and NOT_ACTIVE companies', () => {
    const newcomers = ASSESSMENTS.filter((a) => companyByNumber.get(a.enterpriseNumber)!.chinaStatus !== ChinaStatus.ACTIVE);
    expect(newcomers.length / ASSESSMENTS.length).toBeGreaterThanOrEqual(0.8);
  });

  it('records each assessment at a past expert panel that the company attended', () => {
    for (const a of ASSESSMENTS) {
      expect(isRealDate(a.panelDate), a.panelDate).toBe(true);
      expect(a.panelDate <= TODAY, a.panelDate).toBe(true);
      const panel = EVENTS.find((e) => e.kind === EventKind.EXPERT_PANEL && e.startsAt.startsWith(a.panelDate));
      expect(panel, a.panelDate).toBeDefined();
      expect(panel!.attendees, a.panelDate).toContain(a.enterpriseNumber);
    }
  });
});
