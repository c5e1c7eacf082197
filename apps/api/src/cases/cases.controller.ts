import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { ApiConfig } from '../infrastructure/api-config';
import { CasesService } from './cases.service';
import { CaseListQueryDto } from './dto/case-list.query.dto';
import { CaseListResponseDto } from './dto/case-list.response.dto';
import { CaseResponseDto } from './dto/case.response.dto';
import { OpenCaseRequestDto } from './dto/open-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly config: ApiConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open a concern case for a student (contact teacher or school leadership).',
    description:
      "Starts the case's workflow at step 1; the owner is the student's contact teacher. One open case per student: a second open answers 409 with the open case's Location.",
  })
  @ApiCreatedResponse({
    type: CaseResponseDto,
    description: 'The case, live from its workflow. Location: /cases/{id}.',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The student already has an open case (see Location).',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto })
  async open(
    @CurrentCaller() caller: Caller,
    @Body() body: OpenCaseRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponseDto> {
    const opened = await this.cases.open(caller, body);
    res.location(this.config.url(opened.links.self));
    return opened;
  }

  @Get()
  @ApiOperation({
    summary: 'Cases the caller may see, filtered and paged (from the read model).',
    description:
      'Contact teachers see the cases they own; leadership its school; the team and partners the cases referred to them.',
  })
  @ApiOkResponse({ type: CaseListResponseDto })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: CaseListQueryDto,
  ): Promise<CaseListResponseDto> {
    return this.cases.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One case: step, status, owner, deadlines, measures; live from the workflow while it runs.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such case, or not one the caller may see (logged).',
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseResponseDto> {
    return this.cases.get(caller, id);
  }
}
