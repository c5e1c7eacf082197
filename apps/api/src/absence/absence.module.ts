import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AbsenceController } from './absence.controller';
import { AbsenceImportsService } from './absence-imports.service';
import { AbsenceProposalsController } from './absence-proposals.controller';
import { AbsenceProposalsService } from './absence-proposals.service';

@Module({
  imports: [CasesModule],
  controllers: [AbsenceController, AbsenceProposalsController],
  providers: [AbsenceImportsService, AbsenceProposalsService],
})
export class AbsenceModule {}
