import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseWorkflows } from './case-workflows';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { SchoolOverviewController } from './overview/school-overview.controller';
import { SchoolOverviewService } from './overview/school-overview.service';

@Module({
  controllers: [CasesController, SchoolOverviewController],
  providers: [CasesService, CaseAccess, CaseWorkflows, SchoolOverviewService],
  exports: [CaseAccess, CaseWorkflows],
})
export class CasesModule {}
