import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable } from '../../kit/audit';

export class CreatePartners1764288000000 implements MigrationInterface {
  name = 'CreatePartners1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        credit_code text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
        name_zh text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('COMPANY', 'GOVERNMENT', 'UNIVERSITY', 'INDUSTRIAL_PARK', 'ASSOCIATION')),
        district text NOT NULL,
        cleantech_domains text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        website text,
        contact_name text,
        contact_email text,
        contact_phone text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset pagination in (name_en, id) order, per filter.
    await q.query('CREATE INDEX partner_page_idx ON partner (name_en, id)');
    await q.query('CREATE INDEX partner_kind_idx ON partner (kind, name_en, id)');
    await q.query('CREATE INDEX partner_district_idx ON partner (district, name_en, id)');
    // Array filters and matchmaking (`&&`, `@>`).
    await q.query('CREATE INDEX partner_domains_idx ON partner USING gin (cleantech_domains)');
    await q.query('CREATE INDEX partner_themes_idx ON partner USING gin (themes)');
    // Search: LIKE/ILIKE '%term%' on the names and the credit code.
    await q.query('CREATE INDEX partner_search_name_en_idx ON partner USING gin (lower(name_en) gin_trgm_ops)');
    await q.query('CREATE INDEX partner_search_name_zh_idx ON partner USING gin (name_zh gin_trgm_ops)');
    await q.query('CREATE INDEX partner_search_code_idx ON partner USING gin (credit_code gin_trgm_ops)');
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE partner');
  }
}
