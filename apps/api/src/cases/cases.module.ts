import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseWorkflows } from './case-workflows';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseAccess, CaseWorkflows],
  exports: [CaseAccess, CaseWorkflows],
})
export class CasesModule {}
