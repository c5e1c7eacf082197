// The API's resource modules (cases, events, students, schools, staff, codec). Kept in one list so
// app.module stays small.
import type { Type } from '@nestjs/common';
import { AbsenceModule } from './absence/absence.module';
import { AccessModule } from './access/access.module';
import { ActivityPlanModule } from './activity-plan/activity-plan.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { RateLimitModule } from './http/rate-limits';
import { SchoolsModule } from './schools/schools.module';
import { StaffModule } from './staff/staff.module';
import { StudentsModule } from './students/students.module';
import { TimelineModule } from './timeline/timeline.module';

export const FEATURE_MODULES: Type<unknown>[] = [
  RateLimitModule,
  AuthModule,
  AccessModule,
  DemoModule,
  SchoolsModule,
  StaffModule,
  StudentsModule,
  CasesModule,
  EventsModule,
  TimelineModule,
  ActivityPlanModule,
  AbsenceModule,
  CodecModule,
];
