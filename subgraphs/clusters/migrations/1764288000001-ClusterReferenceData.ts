import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWNERS } from '../../../platform/organisations';

/**
 * Reference data: the five clusters of Smart Hub Vlaams-Brabant, with names
 * and descriptions in NL, EN and ZH. The API needs them on every database
 * (a membership refers to its cluster), so they come with the schema, not with
 * the demo data. Frozen with this migration: changing a name later is a new
 * migration.
 */
export const REFERENCE_CLUSTERS = [
  {
    code: 'HEALTH',
    nameNl: 'Gezondheid',
    nameEn: 'Health',
    nameZh: '健康',
    descriptionNl:
      'Bedrijven en kennisinstellingen rond medische technologie, zorg en een gezonde leefomgeving, van ziekenhuisafval tot binnenluchtkwaliteit.',
    descriptionEn:
      'Companies and knowledge institutions in medical technology, care and a healthy living environment, from hospital waste to indoor air quality.',
    descriptionZh: '汇聚医疗技术、医疗护理和健康生活环境领域的企业与知识机构，议题涵盖从医疗废物到室内空气质量。',
  },
  {
    code: 'LOGISTICS',
    nameNl: 'Logistiek',
    nameEn: 'Logistics',
    nameZh: '物流',
    descriptionNl:
      'Duurzame logistiek rond de luchthaven en in de Brusselse rand: herbruikbare verpakkingen, slim laden en emissievrij transport.',
    descriptionEn:
      'Sustainable logistics around the airport and the Brussels periphery: reusable packaging, smart charging and zero-emission transport.',
    descriptionZh: '围绕机场和布鲁塞尔周边地区发展可持续物流：可循环包装、智能充电和零排放运输。',
  },
  {
    code: 'FOOD',
    nameNl: 'Voeding',
    nameEn: 'Food',
    nameZh: '食品',
    descriptionNl:
      'Agrovoedingsbedrijven uit het Hageland en het Pajottenland die werken aan reststromen, waterhergebruik en duurzame koeling.',
    descriptionEn:
      'Agri-food companies from the Hageland and the Pajottenland working on side streams, water reuse and sustainable cooling.',
    descriptionZh: '来自哈格兰和帕约滕兰地区的农业食品企业，致力于副产物利用、水回用和可持续冷链。',
  },
  {
    code: 'CLEANTECH',
    nameNl: 'Cleantech',
    nameEn: 'Cleantech',
    nameZh: '清洁技术',
    descriptionNl:
      "Het grootste cluster: kmo's in afvalverwerking, drinkwater en waterzuivering, energie en warmte, circulaire materialen, luchtkwaliteit en slimme netten.",
    descriptionEn:
      'The largest cluster: SMEs in waste processing, drinking water and water treatment, energy and heat, circular materials, air quality and smart grids.',
    descriptionZh: '规模最大的产业集群：涵盖废弃物处理、饮用水与水处理、能源与供热、循环材料、空气质量和智能电网领域的中小企业。',
  },
  {
    code: 'CREATIVITY',
    nameNl: 'Creativiteit',
    nameEn: 'Creativity',
    nameZh: '创意',
    descriptionNl:
      'Ontwerpers, makers en digitale bedrijven die werken aan circulair design, visualisatie en nieuwe toepassingen van gerecycleerde materialen.',
    descriptionEn: 'Designers, makers and digital companies working on circular design, visualisation and new uses for recycled materials.',
    descriptionZh: '设计师、创客和数字企业，致力于循环设计、可视化以及再生材料的新应用。',
  },
] as const;

/**
 * Inserts the five clusters, each with an audit entry (action SEED, actor
 * reference-data, organisation smart-hub). Idempotent: a database that already
 * has them (from the demo seed of earlier versions) keeps its rows and history.
 */
export class ClusterReferenceData1764288000001 implements MigrationInterface {
  name = 'ClusterReferenceData1764288000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `WITH inserted AS (
         INSERT INTO cluster (code, name_nl, name_en, name_zh, description_nl, description_en, description_zh)
         SELECT c.code, c."nameNl", c."nameEn", c."nameZh", c."descriptionNl", c."descriptionEn", c."descriptionZh"
         FROM jsonb_to_recordset($1::jsonb) AS c(
           code text, "nameNl" text, "nameEn" text, "nameZh" text, "descriptionNl" text, "descriptionEn" text, "descriptionZh" text)
         ON CONFLICT (code) DO NOTHING
         RETURNING code
       )
       INSERT INTO audit_log (entity_type, entity_id, organisation, actor, action)
       SELECT 'Cluster', code, $2, 'reference-data', 'SEED' FROM inserted ORDER BY code`,
      [JSON.stringify(REFERENCE_CLUSTERS), OWNERS.clusters],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails while memberships refer to a cluster, as it should.
    await q.query("DELETE FROM audit_log WHERE entity_type = 'Cluster' AND actor = 'reference-data' AND action = 'SEED'");
    await q.query('DELETE FROM cluster WHERE code = ANY($1)', [REFERENCE_CLUSTERS.map((c) => c.code)]);
  }
}
