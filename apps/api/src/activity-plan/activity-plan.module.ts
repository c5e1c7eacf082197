import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ActivityPlanController } from './activity-plan.controller';
import { ActivityPlanService } from './activity-plan.service';

@Module({ imports: [CasesModule], controllers: [ActivityPlanController], providers: [ActivityPlanService] })
export class ActivityPlanModule {}
