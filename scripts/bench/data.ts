/**
 * The benchmark's data set: large, deterministic, generated with set-based SQL
 * (INSERT … SELECT over generate_series) straight into each subgraph's own
 * database, after its migrations.
 *
 * Nothing is read across databases. Every record is numbered (company 1..N,
 * partner 1..P, project 1..R) and its id is a pure function of its kind and
 * number, `md5('partnerhub:bench:<kind>:<n>')::uuid` in SQL and `benchUuid()`
 * in TypeScript, so the clusters and projects databases refer to company 42 and
 * partner 7 by the same ids the companies and partners databases give them.
 * Attributes come from md5 of the number too: the same size gives the same data
 * on every run and every PostgreSQL version.
 *
 * Identifiers are valid: enterprise numbers pass the mod-97 check
 * (`enterpriseNumberFromBase`, computed in SQL with the same formula and checked
 * on a sample after the insert), credit codes come from `creditCodeFromBase`.
 */
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { SubgraphName } from '../../platform/services';
import { ChinaStatus, CleantechDomain, PartnerKind, PartnershipTheme } from '../../subgraphs/kit/domain';
import { checkEnterpriseNumber, enterpriseNumberFromBase, MUNICIPALITIES } from '../../subgraphs/companies/validation';
import { CHENGDU_DISTRICTS, CREDIT_CODE_ALPHABET, creditCodeFromBase } from '../../subgraphs/partners/validation';
import { ASSESSOR, ORGANISATION_IDS } from '../../platform/organisations';

/** Bumped whenever the generated data changes, so that kept bench databases are regenerated. */
export const BENCH_DATA_VERSION = 1;

export interface BenchSize {
  companies: number;
  partners: number;
  projects: number;
}

export const DEFAULT_BENCH_COMPANIES = 100_000;
export const MAX_BENCH_COMPANIES = 1_000_000;

/** The issue's proportions: 100,000 companies, 5,000 partners, 2,000 projects. */
export function benchSize(companies: number = DEFAULT_BENCH_COMPANIES): BenchSize {
  if (!Number.isInteger(companies) || companies < 20 || companies > MAX_BENCH_COMPANIES) {
    throw new RangeError(`the number of companies must be an integer between 20 and ${MAX_BENCH_COMPANIES}, got ${companies}`);
  }
  return {
    companies,
    partners: Math.max(10, Math.round(companies / 20)),
    projects: Math.max(10, Math.round(companies / 50)),
  };
}

/** The deterministic id of bench record `n` of `kind`; the same expression as `BENCH_UUID_SQL`. */
export function benchUuid(kind: string, n: number | string): string {
  const h = createHash('md5').update(`partnerhub:bench:${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** SQL for benchUuid(kind, n). */
const uuidSql = (kind: string, n: string) => `md5('partnerhub:bench:${kind}:' || (${n}))::uuid`;
/** 60 deterministic pseudo-random bits (a non-negative bigint) from a text seed. */
const hashSql = (seed: string) => `('x' || substr(md5(${seed}), 1, 15))::bit(60)::bigint`;

/** Enterprise number base (first eight digits) of company n: 0300.001.7xx and up, distinct, first digit 0. */
export function companyBase(n: number): number {
  return 3_000_000 + 17 * n;
}

/** The normalised enterprise number of bench company n (what the SQL computes). */
export function benchEnterpriseNumber(n: number): string {
  return enterpriseNumberFromBase(companyBase(n));
}

/** Credit code of bench partner n: 9 (authority) 1 (category), the district's code, a 9-character organisation code. */
export function benchCreditCode(n: number, districtCode: string): string {
  let x = 1_000_000 + n * 7919;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = CREDIT_CODE_ALPHABET[x % 31] + org;
    x = Math.floor(x / 31);
  }
  return creditCodeFromBase(`91${districtCode}${org}`);
}

/** District of bench partner n. */
export function benchDistrict(n: number) {
  return CHENGDU_DISTRICTS[(n * 7) % CHENGDU_DISTRICTS.length];
}

const DOMAINS = Object.values(CleantechDomain);
const THEMES = Object.values(PartnershipTheme);
const KINDS = Object.values(PartnerKind);

const NAME_PREFIXES = [
  'Aqua',
  'Bio',
  'Eco',
  'Enviro',
  'Green',
  'Hydro',
  'Solar',
  'Wind',
  'Thermo',
  'Circul',
  'Carbo',
  'Terra',
  'Volt',
  'Grid',
  'Clean',
  'Pure',
  'Flux',
  'Nova',
  'Vita',
  'Luma',
  'Dijle',
  'Demer',
  'Zenne',
  'Hagel',
  'Pajot',
  'Brabo',
  'Leuva',
  'Geo',
  'Agro',
  'Metal',
  'Poly',
  'Cyclo',
  'Ozon',
  'Filtra',
  'Membra',
  'Calor',
  'Vapo',
  'Sedi',
  'Recy',
  'Helio',
];
const NAME_SUFFIXES = [
  'tech',
  'flow',
  'gen',
  'power',
  'cycle',
  'sense',
  'works',
  'lab',
  'mat',
  'logic',
  'wave',
  'field',
  'core',
  'point',
  'line',
  'net',
  'stream',
  'form',
  'port',
  'base',
  'ion',
  'max',
  'tron',
  'lux',
  'vent',
  'pure',
  'loop',
  'grid',
  'farm',
  'cell',
];
const NAME_FORMS = ['Solutions', 'Systems', 'Engineering', 'Labs', 'Energy', 'Water', 'Recycling', 'Materials', 'Technologies', 'Services'];
const FIRST_NAMES = [
  'Sofie',
  'Pieter',
  'Lies',
  'Bram',
  'Tom',
  'Elke',
  'Jeroen',
  'Katrien',
  'Wouter',
  'Hanne',
  'Dries',
  'Koen',
  'Ines',
  'Stijn',
];
const LAST_NAMES = [
  'Claes',
  'Janssens',
  'Maes',
  'Peeters',
  'Jacobs',
  'Mertens',
  'Willems',
  'Goossens',
  'Vermeulen',
  'De Smet',
  'Wouters',
  'Hermans',
];

const PARTNER_WORDS_EN = [
  'Tianfu',
  'Jinsha',
  'Shu',
  'Min River',
  'Panda',
  'Hibiscus',
  'Western',
  'Brocade',
  'Silk Road',
  'Longquan',
  'Qingcheng',
  'Emei',
];
const PARTNER_WORDS_ZH = ['天府', '金沙', '蜀', '岷江', '熊猫', '芙蓉', '西部', '锦', '丝路', '龙泉', '青城', '峨眉'];
const KIND_WORDS_EN: Record<PartnerKind, string[]> = {
  COMPANY: ['Environmental Technology Co.', 'Water Group', 'Energy Co.', 'Recycling Co.'],
  GOVERNMENT: ['Bureau of Ecology', 'Investment Promotion Bureau', 'Water Affairs Bureau', 'Development Office'],
  UNIVERSITY: ['University', 'Institute of Technology', 'Research Institute', 'Academy'],
  INDUSTRIAL_PARK: ['Industrial Park', 'Eco-Industrial Zone', 'Innovation Park', 'Hi-tech Incubator'],
  ASSOCIATION: ['Environmental Industry Association', 'Cleantech Alliance', 'Chamber of Commerce', 'Energy Association'],
};
const KIND_WORDS_ZH: Record<PartnerKind, string[]> = {
  COMPANY: ['环境科技有限公司', '水务集团', '能源有限公司', '再生资源有限公司'],
  GOVERNMENT: ['生态环境局', '投资促进局', '水务局', '发展办公室'],
  UNIVERSITY: ['大学', '理工学院', '研究院', '科学院'],
  INDUSTRIAL_PARK: ['产业园', '生态工业园', '创新园', '高新孵化器'],
  ASSOCIATION: ['环保产业协会', '清洁技术联盟', '商会', '能源协会'],
};

const PROJECT_TOPICS = [
  'Sludge drying',
  'Drinking water safety',
  'Biogas from food waste',
  'District heating',
  'Smart water meters',
  'Plastic sorting',
  'Air quality sensors',
  'Rainwater reuse',
  'Phosphorus recovery',
  'Heat pump',
  'Battery recycling',
  'Green hydrogen',
  'Membrane filtration',
  'Industrial symbiosis',
  'Composting',
  'Solar on industrial roofs',
  'Leak detection',
  'E-waste recovery',
  'Odour control',
  'Circular construction',
];
const PROJECT_FORMATS = [
  'pilot',
  'exchange',
  'trade mission',
  'expert panel series',
  'joint study',
  'demonstration',
  'training',
  'matchmaking',
  'feasibility study',
  'living lab',
];
const EVENT_KINDS = ['SECTOR_EVENT', 'EXPERT_PANEL', 'TRADE_MISSION', 'WEBINAR'];
const EVENT_PLACES = ['Leuven', 'Chengdu', 'Brussels', 'Vilvoorde', 'Tienen', 'Online', 'Chengdu Hi-tech Zone', 'Diest'];

const arr = (values: readonly string[]) => [...values];

export type RowCounts = Record<string, number>;

async function counts(client: ClientBase, tables: string[]): Promise<RowCounts> {
  const out: RowCounts = {};
  for (const t of tables) out[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  return out;
}

/** Companies 1..N. About 0.5% archived; 5% with 250 employees or more. */
async function generateCompanies(client: ClientBase, size: BenchSize): Promise<RowCounts> {
  const h = hashSql(`'partnerhub:bench:company-attr:' || i`);
  await client.query(
    `INSERT INTO company (id, enterprise_number, name, municipality, postal_code, website, founded_year, employees,
       cleantech_domains, china_status, description_nl, description_en, description_zh, contact_name, contact_email,
       contact_phone, archived)
     SELECT id, enterprise_number, name, municipality, postal_code,
       CASE WHEN h % 5 <> 0 THEN 'https://www.' || lower(replace(name, ' ', '-')) || '-' || i || '.example.be' END,
       CASE WHEN h % 7 <> 0 THEN 1985 + (h >> 20) % 40 END,
       CASE WHEN (h >> 26) % 20 = 0 THEN 250 + (h >> 31) % 750 ELSE 1 + (h >> 31) % 249 END,
       domains, status,
       name || ' ontwikkelt oplossingen voor ' || lower(replace(domains[1], '_', ' ')) || ' vanuit ' || municipality || '.',
       name || ' develops ' || lower(replace(domains[1], '_', ' ')) || ' solutions from ' || municipality || '.',
       CASE WHEN status <> 'NOT_ACTIVE' THEN name || '：' || municipality || '的清洁技术企业。' END,
       CASE WHEN h % 3 <> 0 THEN contact_first || ' ' || contact_last END,
       CASE WHEN h % 3 <> 0 THEN lower(contact_first) || '@company-' || i || '.example.be' END,
       CASE WHEN h % 6 = 1 THEN '+32 16 ' || lpad(((h >> 40) % 1000000)::text, 6, '0') END,
       i % 197 = 0
     FROM (
       SELECT i, h, ${uuidSql('company', 'i')} AS id,
         substr(lpad(b::text, 8, '0') || lpad((97 - b % 97)::text, 2, '0'), 1, 4) || '.' ||
         substr(lpad(b::text, 8, '0') || lpad((97 - b % 97)::text, 2, '0'), 5, 3) || '.' ||
         substr(lpad(b::text, 8, '0') || lpad((97 - b % 97)::text, 2, '0'), 8, 3) AS enterprise_number,
         ($2::text[])[1 + h % $3] || ($4::text[])[1 + (h >> 6) % $5] || ' ' || ($6::text[])[1 + (h >> 12) % $7] AS name,
         ($8::text[])[1 + (h >> 16) % $9] AS municipality,
         ($10::text[])[1 + (h >> 16) % $9] AS postal_code,
         CASE (h >> 44) % 3
           WHEN 0 THEN ARRAY[($11::text[])[1 + (h >> 46) % 8]]
           ELSE ARRAY[($11::text[])[1 + (h >> 46) % 8], ($11::text[])[1 + ((h >> 46) % 8 + 1 + (h >> 50) % 7) % 8]]
         END AS domains,
         CASE WHEN (h >> 53) % 10 < 6 THEN ($12::text[])[1] WHEN (h >> 53) % 10 < 9 THEN ($12::text[])[2] ELSE ($12::text[])[3] END AS status,
         ($13::text[])[1 + (h >> 33) % $14] AS contact_first,
         ($15::text[])[1 + (h >> 37) % $16] AS contact_last
       FROM (SELECT i, ${h} AS h, ${companyBase(0)}::bigint + 17 * i AS b FROM generate_series(1, $1::int) AS i OFFSET 0) AS g
       OFFSET 0
     ) AS c`,
    [
      size.companies,
      arr(NAME_PREFIXES),
      NAME_PREFIXES.length,
      arr(NAME_SUFFIXES),
      NAME_SUFFIXES.length,
      arr(NAME_FORMS),
      NAME_FORMS.length,
      MUNICIPALITIES.map((m) => m.name),
      MUNICIPALITIES.length,
      MUNICIPALITIES.map((m) => m.postalCodes[0]),
      arr(DOMAINS),
      arr([ChinaStatus.NOT_ACTIVE, ChinaStatus.EXPLORING, ChinaStatus.ACTIVE]),
      arr(FIRST_NAMES),
      FIRST_NAMES.length,
      arr(LAST_NAMES),
      LAST_NAMES.length,
    ],
  );
  // The SQL formula must agree with the validator: check a spread-out sample.
  const step = Math.max(1, Math.floor(size.companies / 97));
  const sample = new Map<string, number>();
  for (let n = 1; n <= size.companies; n += step) sample.set(benchUuid('company', n), n);
  const rows: { id: string; enterprise_number: string }[] = (
    await client.query('SELECT id, enterprise_number FROM company WHERE id = ANY($1::uuid[])', [[...sample.keys()]])
  ).rows;
  if (rows.length !== sample.size) throw new Error(`expected ${sample.size} sample companies, found ${rows.length}`);
  for (const { id, enterprise_number } of rows) {
    const n = sample.get(id)!;
    if (!checkEnterpriseNumber(enterprise_number).ok || enterprise_number !== benchEnterpriseNumber(n)) {
      throw new Error(`generated enterprise number ${enterprise_number} of company ${n} is not ${benchEnterpriseNumber(n)}`);
    }
  }
  return counts(client, ['company']);
}

/**
 * Memberships: CLEANTECH 45%, FOOD 12%, HEALTH 10%, LOGISTICS 10%, CREATIVITY 6%
 * of companies. The five clusters are reference data: the migrations inserted them.
 */
async function generateClusters(client: ClientBase, size: BenchSize): Promise<RowCounts> {
  const h = hashSql(`'partnerhub:bench:membership:' || i`);
  await client.query(
    `INSERT INTO cluster_membership (cluster_code, company_id, since)
     SELECT k.code, ${uuidSql('company', 'g.i')}, date '2012-01-01' + ((g.h >> k.shift) % 5000)::int
     FROM (SELECT i, ${h} AS h FROM generate_series(1, $1::int) AS i OFFSET 0) AS g
     JOIN (VALUES ('CLEANTECH', 0, 45), ('FOOD', 7, 12), ('HEALTH', 14, 10), ('LOGISTICS', 21, 10), ('CREATIVITY', 28, 6)) AS k(code, shift, pct)
       ON (g.h >> k.shift) % 100 < k.pct`,
    [size.companies],
  );
  return counts(client, ['cluster', 'cluster_membership']);
}

/** Partners 1..P with valid credit codes, 1-3 domains and 1-3 themes each. */
async function generatePartners(client: ClientBase, size: BenchSize): Promise<RowCounts> {
  const n = Array.from({ length: size.partners }, (_, i) => i + 1);
  const districts = n.map(benchDistrict);
  const h = hashSql(`'partnerhub:bench:partner-attr:' || t.j`);
  await client.query(
    `INSERT INTO partner (id, credit_code, name_zh, name_en, kind, district, cleantech_domains, themes, website,
       contact_name, contact_email)
     SELECT ${uuidSql('partner', 'j')}, credit_code,
       '成都' || ($4::text[])[1 + h % $5] || (CASE kind ${KINDS.map((k, i) => `WHEN '${k}' THEN $${7 + i}::text[]`).join(' ')} END)[1 + (h >> 8) % 4],
       'Chengdu ' || ($3::text[])[1 + h % $5] || ' ' ||
         (CASE kind ${KINDS.map((k, i) => `WHEN '${k}' THEN $${12 + i}::text[]`).join(' ')} END)[1 + (h >> 8) % 4] || ' ' || j,
       kind, district,
       ARRAY(SELECT DISTINCT d FROM unnest(ARRAY[($17::text[])[1 + (h >> 12) % 8], ($17::text[])[1 + (h >> 15) % 8],
               CASE WHEN (h >> 18) % 2 = 0 THEN ($17::text[])[1 + (h >> 19) % 8] END]) AS d WHERE d IS NOT NULL ORDER BY d),
       ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[($18::text[])[1 + (h >> 22) % 5],
               CASE WHEN (h >> 25) % 3 <> 0 THEN ($18::text[])[1 + (h >> 27) % 5] END]) AS t WHERE t IS NOT NULL ORDER BY t),
       CASE WHEN h % 4 <> 0 THEN 'https://partner-' || j || '.example.cn' END,
       CASE WHEN h % 2 = 0 THEN 'Contact ' || j END,
       CASE WHEN h % 2 = 0 THEN 'contact@partner-' || j || '.example.cn' END
     FROM (
       SELECT t.j, t.credit_code, t.district, ${h} AS h, ($6::text[])[1 + (${h} >> 30) % 5] AS kind
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(credit_code, district, j)
       OFFSET 0
     ) AS p`,
    [
      n.map((j, i) => benchCreditCode(j, districts[i].code)),
      districts.map((d) => d.pinyin),
      PARTNER_WORDS_EN,
      PARTNER_WORDS_ZH,
      PARTNER_WORDS_EN.length,
      arr(KINDS),
      ...KINDS.map((k) => KIND_WORDS_ZH[k]),
      ...KINDS.map((k) => KIND_WORDS_EN[k]),
      arr(DOMAINS),
      arr(THEMES),
    ],
  );
  return counts(client, ['partner']);
}

/**
 * Projects 1..R with 2-8 companies and 1-4 partners each, 0-3 events per project
 * plus R/10 standalone events, 2-10 attendees per event (mostly the project's
 * companies), and assessments for about 5% of the companies.
 */
async function generateProjects(client: ClientBase, size: BenchSize): Promise<RowCounts> {
  const h = (seed: string) => hashSql(seed);
  await client.query(
    `INSERT INTO project (id, title, summary, theme, status, starts_on, ends_on, budget_eur, lead_organisation)
     SELECT ${uuidSql('project', 'k')},
       ($2::text[])[1 + h % 20] || ' ' || ($3::text[])[1 + (h >> 5) % 10] || ' ' || k,
       'A ' || ($3::text[])[1 + (h >> 5) % 10] || ' by Vlaams-Brabant and Chengdu organisations on ' || lower(($2::text[])[1 + h % 20]) || '.',
       ($4::text[])[1 + (h >> 9) % 5],
       ($5::text[])[1 + (h >> 12) % 4],
       date '2016-01-01' + ((h >> 14) % 3300)::int,
       date '2016-01-01' + ((h >> 14) % 3300)::int + 90 + ((h >> 26) % 900)::int,
       CASE WHEN h % 5 <> 0 THEN 5000 * (1 + (h >> 36) % 400) END,
       ($6::text[])[1 + (h >> 45) % 3]
     FROM (SELECT k, ${h(`'partnerhub:bench:project-attr:' || k`)} AS h FROM generate_series(1, $1::int) AS k OFFSET 0) AS g`,
    [size.projects, PROJECT_TOPICS, PROJECT_FORMATS, arr(THEMES), ['PROPOSED', 'ACTIVE', 'ACTIVE', 'COMPLETED'], [...ORGANISATION_IDS]],
  );
  await client.query(
    `INSERT INTO project_company (project_id, company_id)
     SELECT DISTINCT ${uuidSql('project', 'k')}, ${uuidSql('company', `1 + ${h(`'partnerhub:bench:pc:' || k || ':' || m`)} % $2::int`)}
     FROM generate_series(1, $1::int) AS k CROSS JOIN generate_series(1, 8) AS m
     WHERE m <= 2 + ${h(`'partnerhub:bench:pc:' || k`)} % 7`,
    [size.projects, size.companies],
  );
  await client.query(
    `INSERT INTO project_partner (project_id, partner_id)
     SELECT DISTINCT ${uuidSql('project', 'k')}, ${uuidSql('partner', `1 + ${h(`'partnerhub:bench:pp:' || k || ':' || m`)} % $2::int`)}
     FROM generate_series(1, $1::int) AS k CROSS JOIN generate_series(1, 4) AS m
     WHERE m <= 1 + ${h(`'partnerhub:bench:pp:' || k`)} % 4`,
    [size.projects, size.partners],
  );
  // Events of projects (0-3 each) and standalone events (key s<n>).
  await client.query(
    `INSERT INTO event (id, project_id, title, kind, starts_at, location)
     SELECT ${uuidSql('event', 'e.key')}, e.project_id,
       ($5::text[])[1 + e.h % 4] || ': ' || coalesce(p.title, 'China Cleantech meeting ' || e.key),
       ($3::text[])[1 + e.h % 4],
       timestamptz '2016-01-04 09:00:00+00' + ((e.h >> 3) % 3600) * interval '1 day' + ((e.h >> 15) % 9) * interval '1 hour',
       ($4::text[])[1 + (e.h >> 20) % 8]
     FROM (
       SELECT k || '-' || m AS key, ${uuidSql('project', 'k')} AS project_id, ${h(`'partnerhub:bench:ev:' || k || ':' || m`)} AS h
       FROM generate_series(1, $1::int) AS k CROSS JOIN generate_series(1, 3) AS m
       WHERE m <= ${h(`'partnerhub:bench:ev:' || k`)} % 4
       UNION ALL
       SELECT 's' || s, NULL, ${h(`'partnerhub:bench:ev:s' || s`)} FROM generate_series(1, $2::int) AS s
     ) AS e LEFT JOIN project p ON p.id = e.project_id`,
    [
      size.projects,
      Math.max(1, Math.round(size.projects / 10)),
      EVENT_KINDS,
      EVENT_PLACES,
      ['Sector event', 'Expert panel', 'Trade mission', 'Webinar'],
    ],
  );
  // Attendees: about two thirds of the project's companies, plus 1-4 other companies.
  await client.query(
    `INSERT INTO event_attendee (event_id, company_id)
     SELECT e.id, pc.company_id FROM event e JOIN project_company pc ON pc.project_id = e.project_id
     WHERE ${h(`e.id::text || pc.company_id::text`)} % 3 <> 0
     UNION
     SELECT e.id, ${uuidSql('company', `1 + ${h(`e.id::text || ':' || m`)} % $1::int`)}
     FROM event e CROSS JOIN generate_series(1, 4) AS m
     WHERE m <= 1 + ${h(`e.id::text`)} % 4`,
    [size.companies],
  );
  await client.query(
    `INSERT INTO assessment (id, company_id, panel_date, market_fit, recommendation, recorded_by_org, recorded_by)
     SELECT ${uuidSql('assessment', 'a')}, ${uuidSql('company', `1 + h % $2::int`)},
       date '2018-01-01' + ((h >> 20) % 2900)::int, 1 + (h >> 32) % 5,
       'Panel ' || a || ': ' || ($3::text[])[1 + (h >> 35) % 4], $4, 'bench'
     FROM (SELECT a, ${h(`'partnerhub:bench:as:' || a`)} AS h FROM generate_series(1, $1::int) AS a OFFSET 0) AS g
     ON CONFLICT DO NOTHING`,
    [
      Math.max(1, Math.round(size.companies / 20)),
      size.companies,
      [
        'Ready for a trade mission.',
        'Find a local partner first.',
        'Adapt the product to Chinese standards.',
        'Not yet: focus on the EU market.',
      ],
      ASSESSOR,
    ],
  );
  return counts(client, ['project', 'project_company', 'project_partner', 'event', 'event_attendee', 'assessment']);
}

const GENERATORS: Record<SubgraphName, (client: ClientBase, size: BenchSize) => Promise<RowCounts>> = {
  companies: generateCompanies,
  clusters: generateClusters,
  partners: generatePartners,
  projects: generateProjects,
  // No agreements: the bench reads as the owner (vlaams-brabant), which never asks the registry.
  registry: (client) => counts(client, ['sharing_agreement']),
};

/** Tables each generator fills, children first (for emptying a kept database). */
const TABLES: Record<SubgraphName, string[]> = {
  companies: ['company'],
  clusters: ['cluster_membership'],
  partners: ['partner'],
  projects: ['event_attendee', 'event', 'project_company', 'project_partner', 'assessment', 'project'],
  registry: ['sharing_agreement'],
};

export interface GenerateResult {
  rows: RowCounts;
  /** Insert time, then VACUUM ANALYZE time, in milliseconds. */
  insertMs: number;
  analyzeMs: number;
}

/**
 * Fills one migrated, empty subgraph database (`client` is connected to it).
 * The inserts run in one transaction; the tables are analysed afterwards so the
 * planner knows their size.
 */
export async function generateSubgraphData(name: SubgraphName, client: ClientBase, size: BenchSize): Promise<GenerateResult> {
  const started = Date.now();
  await client.query('BEGIN');
  let rows: RowCounts;
  try {
    await client.query('SET LOCAL synchronous_commit = off');
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    // Not audit_log: it is an append-only chain (kit/trail.ts), and refuses TRUNCATE.
    await client.query(`TRUNCATE ${TABLES[name].join(', ')}`);
    // Building an index once over the loaded table is several times faster than
    // maintaining it row by row (trigram GIN indexes above all): drop the plain
    // indexes, load, create them again from their own definitions. Indexes that
    // back a constraint (primary keys, unique) stay.
    const indexes: { indexname: string; indexdef: string }[] = (
      await client.query(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [TABLES[name]],
      )
    ).rows;
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.indexname}"`);
    rows = await GENERATORS[name](client, size);
    for (const ix of indexes) await client.query(ix.indexdef);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
  const inserted = Date.now();
  await client.query(`VACUUM ANALYZE ${TABLES[name].join(', ')}`);
  return { rows, insertMs: inserted - started, analyzeMs: Date.now() - inserted };
}
