import { Body, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ImportMode } from '@tiltak/persistence';
import { type Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { Endpoint, StaffController, UuidParam } from '../http/endpoint.decorator';
import { AbsenceImportsService } from './absence-imports.service';
import { AbsenceImportQueryDto } from './dto/absence-import.query.dto';
import { AbsenceImportResponseDto } from './dto/absence-import.response.dto';
import { AbsenceOverviewResponseDto } from './dto/absence-overview.response.dto';
import { AbsenceRecordsRequestDto } from './dto/absence-records.request.dto';

const CSV_DESCRIPTION = [
  'The school administration system’s lesson attendance export, streamed (up to 100 MB, never held in memory).',
  'UTF-8 with or without BOM; `;` or `,` as separator (whichever the header line uses); RFC 4180 quotes.',
  'Header columns (any order): student_ref, date (YYYY-MM-DD), period (1–20), subject, status',
  '(present | absent | late | left-early | present-not-in-class) and the optional teacher_ref,',
  'minutes (required for late, 1–600) and reason (illness | appointment | permission | unknown).',
  'A record is upserted by (student, date, period): a later import corrects an earlier one, the same file twice changes nothing.',
  'A wrong or missing column answers 422 naming it; bad rows are listed on the import with line and field.',
].join(' ');

function modeOf(query: AbsenceImportQueryDto): ImportMode {
  return query.invalidRows === 'skip' ? 'skip-invalid' : 'all-or-nothing';
}

@StaffController('absence', 'schools/:schoolId')
export class AbsenceController {
  constructor(private readonly imports: AbsenceImportsService) {}

  @Post('absence-imports')
  @Endpoint({
    summary: 'Import lesson attendance from a CSV file (school leadership).',
    description: `${CSV_DESCRIPTION} The import then runs as a workflow: poll the Location for rows applied, rejected and why, and the cases detection opened.`,
    status: HttpStatus.ACCEPTED,
    type: AbsenceImportResponseDto,
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'student_ref;date;period;subject;teacher_ref;status;minutes;reason\nVFS-00001;2026-11-23;1;MAT;T-MAT;absent;;illness\n',
    },
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'A wrong or missing column, or an empty file.',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponseDto,
    description: 'Not text/csv, not UTF-8, or not a CSV file.',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  async importCsv(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: AbsenceImportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AbsenceImportResponseDto> {
    const accepted = await this.imports.receiveCsv(caller, schoolId, req, modeOf(query));
    res.location(accepted.location);
    return accepted.body;
  }

  @Post('absence-records')
  @Endpoint({
    summary: 'Import lesson attendance as JSON (integrations; up to 500 records a request).',
    description:
      'The same checks, upsert and detection as the CSV import; an error’s line is the record’s position (1-based).',
    status: HttpStatus.ACCEPTED,
    type: AbsenceImportResponseDto,
  })
  async importRecords(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: AbsenceImportQueryDto,
    @Body() body: AbsenceRecordsRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AbsenceImportResponseDto> {
    const accepted = await this.imports.receiveRecords(caller, schoolId, body, modeOf(query));
    res.location(accepted.location);
    return accepted.body;
  }

  @Get('absence-imports/:importId')
  @Endpoint({
    summary:
      'An import: rows read, applied, unchanged and rejected (with line, field and why), and what detection did.',
    type: AbsenceImportResponseDto,
  })
  async getImport(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
    @UuidParam('importId') importId: string,
  ): Promise<AbsenceImportResponseDto> {
    return this.imports.get(caller, schoolId, importId);
  }

  @Get('absence-overview')
  @Endpoint({
    summary:
      'Every student’s absence figures and trend, the flags, and the students over a threshold without an open case (school leadership).',
    type: AbsenceOverviewResponseDto,
  })
  async overview(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
  ): Promise<AbsenceOverviewResponseDto> {
    return this.imports.overview(caller, schoolId);
  }
}
