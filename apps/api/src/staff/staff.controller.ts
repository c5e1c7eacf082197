import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiUnprocessableEntityResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { CreateStaffRequestDto } from './dto/create-staff.request.dto';
import { ServedSchoolsRequestDto } from './dto/served-schools.request.dto';
import { StaffListQueryDto } from './dto/staff-list.query.dto';
import { StaffResponseDto } from './dto/staff.response.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a person with a role, at a school or municipality-wide.',
    description:
      "The school's leadership adds its own school's staff; municipality-wide staff need the directory:admin scope.",
  })
  @ApiCreatedResponse({ type: StaffResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateStaffRequestDto,
  ): Promise<StaffResponseDto> {
    return StaffResponseDto.from(await this.staff.create(caller, body));
  }

  @Get()
  @ApiOperation({
    summary:
      "Active staff: a school's (the caller's own by default) together with the municipality-wide services.",
  })
  @ApiOkResponse({ type: [StaffResponseDto] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: StaffListQueryDto,
  ): Promise<StaffResponseDto[]> {
    return (await this.staff.list(caller, query)).map(StaffResponseDto.from);
  }

  @Put(':id/served-schools')
  @ApiOperation({
    summary: 'Set the schools a municipality-wide partner serves (directory:admin).',
    description:
      'A partner (competence team, PPT, mobile team, health nurse) sees a case assigned to its service only at a school it belongs to or serves.',
  })
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  async setServedSchools(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ServedSchoolsRequestDto,
  ): Promise<StaffResponseDto> {
    return StaffResponseDto.from(await this.staff.setServedSchools(caller, id, body.schoolIds));
  }
}
