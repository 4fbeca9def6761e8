import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable } from '../../kit/audit';

export class CreateCompanies1764288000000 implements MigrationInterface {
  name = 'CreateCompanies1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_number text NOT NULL UNIQUE,
        name text NOT NULL,
        municipality text NOT NULL,
        postal_code text NOT NULL,
        website text,
        founded_year int,
        employees int NOT NULL CHECK (employees >= 0),
        cleantech_domains text[] NOT NULL DEFAULT '{}',
        china_status text NOT NULL CHECK (china_status IN ('NOT_ACTIVE', 'EXPLORING', 'ACTIVE')),
        description_nl text,
        description_en text,
        description_zh text,
        contact_name text,
        contact_email text,
        contact_phone text,
        archived boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset pagination in (name, id) order, per filter.
    await q.query('CREATE INDEX company_page_idx ON company (name, id) WHERE NOT archived');
    await q.query('CREATE INDEX company_municipality_idx ON company (municipality, name, id) WHERE NOT archived');
    await q.query('CREATE INDEX company_china_status_idx ON company (china_status, name, id) WHERE NOT archived');
    await q.query('CREATE INDEX company_domains_idx ON company USING gin (cleantech_domains)');
    await q.query('CREATE INDEX company_search_name_idx ON company USING gin (lower(name) gin_trgm_ops)');
    await q.query('CREATE INDEX company_search_number_idx ON company USING gin (enterprise_number gin_trgm_ops)');
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE company');
  }
}
