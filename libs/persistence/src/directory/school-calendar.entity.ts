import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'school_calendars' })
export class SchoolCalendarEntity {
  @PrimaryColumn({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  /** `YYYY-YYYY`, e.g. '2026-2027'. */
  @PrimaryColumn({ name: 'school_year', type: 'text' })
  schoolYear!: string;

  /** A `SchoolCalendar` from @tiltak/domain, as JSON. */
  @Column({ name: 'calendar', type: 'jsonb' })
  calendar!: unknown;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
