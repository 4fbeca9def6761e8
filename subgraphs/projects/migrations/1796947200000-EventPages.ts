import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A page of `Project.events` (start order, then id) is read from this index:
 * `first` entries after the keyset of `after` (kit/child-pages.ts). It
 * replaces (project_id, starts_at), which could not serve the tie-break on
 * id. The other paged lists already have theirs: the primary keys of
 * event_attendee, project_company and project_partner (parent, item id), and
 * project_company_company_idx / project_partner_partner_idx for a company's
 * or partner's projects (ordered by title after the join, a few per company).
 */
export class EventPages1796947200000 implements MigrationInterface {
  name = 'EventPages1796947200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX event_project_page_idx ON event (project_id, starts_at, id)');
    await q.query('DROP INDEX event_project_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX event_project_idx ON event (project_id, starts_at)');
    await q.query('DROP INDEX event_project_page_idx');
  }
}
