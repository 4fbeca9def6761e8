import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EventKind } from '../../kit/domain';
import { DateTimeScalar } from '../../kit/scalars';

/** A sector event, expert panel, trade mission or webinar; part of a project or standalone. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A sector event, expert panel, trade mission or webinar.' })
@Entity('event')
export class Event {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => EventKind)
  @Column({ type: 'text' })
  kind: EventKind;

  @Field(() => DateTimeScalar)
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field()
  @Column({ type: 'text' })
  location: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  // project and attendees are resolved through loaders in EventResolver.
}

/** A company attending an event: ids only. */
@Entity('event_attendee')
export class EventAttendee {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;
}
