import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseEventsController } from './case-events.controller';
import { CaseEventsService } from './case-events.service';

@Module({ imports: [CasesModule], controllers: [CaseEventsController], providers: [CaseEventsService] })
export class EventsModule {}
