import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DATA_SETS, PURPOSES } from '../../../platform/organisations';
import { createAuditTable } from '../../kit/audit';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export class CreateRegistry1796083200000 implements MigrationInterface {
  name = 'CreateRegistry1796083200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sharing_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        data_set text NOT NULL CHECK (data_set IN (${list(DATA_SETS)})),
        grantor text NOT NULL,
        grantee text NOT NULL CHECK (grantee <> grantor),
        purposes text[] NOT NULL CHECK (cardinality(purposes) > 0 AND purposes <@ ARRAY[${list(PURPOSES)}]::text[]),
        legal_basis text NOT NULL CHECK (legal_basis <> ''),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL CHECK (valid_until > valid_from),
        revoked_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The owning subgraphs ask "in force for this grantee" on every request that reads another organisation's restricted data.
    await q.query('CREATE INDEX sharing_agreement_grantee_idx ON sharing_agreement (grantee, data_set) WHERE revoked_at IS NULL');
    await q.query('CREATE INDEX sharing_agreement_grantor_idx ON sharing_agreement (grantor, data_set)');
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE sharing_agreement');
  }
}
