import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable } from '../../kit/audit';

const THEMES = "'FOREIGN_INVESTMENT', 'SMART_HUB_CLUSTERS', 'PEOPLE_TO_PEOPLE', 'HERITAGE', 'LOCAL_GOVERNMENT'";
const STATUSES = "'PROPOSED', 'ACTIVE', 'COMPLETED', 'CANCELLED'";
const KINDS = "'SECTOR_EVENT', 'EXPERT_PANEL', 'TRADE_MISSION', 'WEBINAR'";

export class CreateProjects1764288000000 implements MigrationInterface {
  name = 'CreateProjects1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        summary text CHECK (char_length(summary) <= 5000),
        theme text NOT NULL CHECK (theme IN (${THEMES})),
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN (${STATUSES})),
        starts_on date,
        ends_on date,
        budget_eur int CHECK (budget_eur >= 0),
        lead_organisation text NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT project_dates_check CHECK (ends_on >= starts_on)
      )`);
    // Keyset pagination in (title, id) order, per filter; trigram indexes for the search.
    await q.query('CREATE INDEX project_page_idx ON project (title, id)');
    await q.query('CREATE INDEX project_status_idx ON project (status, title, id)');
    await q.query('CREATE INDEX project_theme_idx ON project (theme, title, id)');
    await q.query('CREATE INDEX project_search_title_idx ON project USING gin (lower(title) gin_trgm_ops)');
    await q.query('CREATE INDEX project_search_summary_idx ON project USING gin (lower(summary) gin_trgm_ops)');

    // company_id and partner_id refer to other organisations' entities: no foreign key across organisations.
    await q.query(`
      CREATE TABLE project_company (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        company_id uuid NOT NULL,
        PRIMARY KEY (project_id, company_id)
      )`);
    await q.query('CREATE INDEX project_company_company_idx ON project_company (company_id)');
    await q.query(`
      CREATE TABLE project_partner (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL,
        PRIMARY KEY (project_id, partner_id)
      )`);
    await q.query('CREATE INDEX project_partner_partner_idx ON project_partner (partner_id)');

    await q.query(`
      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid REFERENCES project (id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        starts_at timestamptz NOT NULL,
        location text NOT NULL CHECK (char_length(location) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // events(from, to) in (starts_at, id) order; Project.events by project.
    await q.query('CREATE INDEX event_starts_at_idx ON event (starts_at, id)');
    await q.query('CREATE INDEX event_project_idx ON event (project_id, starts_at)');
    await q.query(`
      CREATE TABLE event_attendee (
        event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        company_id uuid NOT NULL,
        PRIMARY KEY (event_id, company_id)
      )`);
    await q.query('CREATE INDEX event_attendee_company_idx ON event_attendee (company_id)');

    // One assessment per company and panel; the unique index also serves Company.assessments.
    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        panel_date date NOT NULL,
        market_fit int NOT NULL CHECK (market_fit BETWEEN 1 AND 5),
        recommendation text NOT NULL CHECK (char_length(recommendation) BETWEEN 1 AND 5000),
        recorded_by_org text NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assessment_company_panel_key UNIQUE (company_id, panel_date)
      )`);
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE assessment');
    await q.query('DROP TABLE event_attendee');
    await q.query('DROP TABLE event');
    await q.query('DROP TABLE project_partner');
    await q.query('DROP TABLE project_company');
    await q.query('DROP TABLE project');
  }
}
