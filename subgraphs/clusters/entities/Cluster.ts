import { Field, ObjectType } from 'type-graphql';
import { inLanguage, LangArg } from '../../kit/graphql-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClusterCode, Language } from '../../kit/domain';

/** One of the five Smart Hub Vlaams-Brabant clusters. Owner: smart-hub. */
@ObjectType({ description: 'A Smart Hub Vlaams-Brabant cluster (owner: smart-hub).' })
@Entity('cluster')
export class Cluster {
  @Field(() => ClusterCode)
  @PrimaryColumn({ type: 'text' })
  code: ClusterCode;

  @Column({ name: 'name_nl', type: 'text' }) nameNl: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @Column({ name: 'name_zh', type: 'text' }) nameZh: string;
  @Column({ name: 'description_nl', type: 'text', nullable: true }) descriptionNl: string | null;
  @Column({ name: 'description_en', type: 'text', nullable: true }) descriptionEn: string | null;
  @Column({ name: 'description_zh', type: 'text', nullable: true }) descriptionZh: string | null;

  @Field()
  name(@LangArg() lang: Language | null): string {
    return inLanguage(lang, { NL: this.nameNl, EN: this.nameEn, ZH: this.nameZh });
  }

  @Field(() => String, { nullable: true })
  description(@LangArg() lang: Language | null): string | null {
    return inLanguage(lang, { NL: this.descriptionNl, EN: this.descriptionEn, ZH: this.descriptionZh });
  }

  // memberCount, members and history are resolved through loaders in ClusterResolver.
}
