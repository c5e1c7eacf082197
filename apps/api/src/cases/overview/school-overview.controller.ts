import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../auth/caller';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { ErrorResponseDto } from '../../errors/error.response.dto';
import { SchoolOverviewQueryDto } from './dto/school-overview.query.dto';
import { SchoolOverviewResponseDto } from './dto/school-overview.response.dto';
import { SchoolOverviewService } from './school-overview.service';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('schools')
export class SchoolOverviewController {
  constructor(private readonly overviews: SchoolOverviewService) {}

  @Get(':id/overview')
  @ApiOperation({
    summary: "The school's cases in figures, for its leadership and directory admins.",
    description:
      'Open cases by step, every case by status, overdue and escalated now, next deadlines this (Oslo) week, open cases without activity for N school days, and per owner. Each figure carries the GET /api/cases request that lists its cases.',
  })
  @ApiOkResponse({ type: SchoolOverviewResponseDto })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: "The school's own staff outside leadership (logged).",
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such school, or another school (logged).' })
  async overview(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SchoolOverviewQueryDto,
  ): Promise<SchoolOverviewResponseDto> {
    return this.overviews.overview(caller, id, query.inactiveSchoolDays);
  }
}
