import { Module } from '@nestjs/common';
import { AbsenceController } from './absence.controller';
import { AbsenceImportsService } from './absence-imports.service';

@Module({ controllers: [AbsenceController], providers: [AbsenceImportsService] })
export class AbsenceModule {}
