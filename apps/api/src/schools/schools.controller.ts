import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { SchoolYearPipe } from './school-year.pipe';
import { CreateSchoolRequestDto } from './dto/create-school.request.dto';
import { SchoolCalendarRequestDto } from './dto/school-calendar.request.dto';
import { SchoolCalendarResponseDto } from './dto/school-calendar.response.dto';
import { SchoolResponseDto } from './dto/school.response.dto';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a school (requires the directory:admin scope).' })
  @ApiCreatedResponse({ type: SchoolResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateSchoolRequestDto,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.create(caller, body));
  }

  @Get()
  @ApiOperation({ summary: 'The schools the caller may see: their own, or all for municipality-wide staff.' })
  @ApiOkResponse({ type: [SchoolResponseDto] })
  async list(@CurrentCaller() caller: Caller): Promise<SchoolResponseDto[]> {
    return (await this.schools.list(caller)).map(SchoolResponseDto.from);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One school.' })
  @ApiOkResponse({ type: SchoolResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.get(caller, id));
  }

  @Get(':id/calendars')
  @ApiOperation({
    summary: "Every school year's calendar of the school, oldest first (the administration's calendar page).",
  })
  @ApiOkResponse({ type: [SchoolCalendarResponseDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async listCalendars(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SchoolCalendarResponseDto[]> {
    return (await this.schools.listCalendars(caller, id)).map((calendar) =>
      SchoolCalendarResponseDto.from(id, calendar),
    );
  }

  @Get(':id/calendar/:schoolYear')
  @ApiOperation({
    summary: "A school year's calendar: first and last day, holidays, breaks and planning days.",
  })
  @ApiParam({ name: 'schoolYear', example: '2026-2027' })
  @ApiOkResponse({ type: SchoolCalendarResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async getCalendar(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolYear', SchoolYearPipe) schoolYear: string,
  ): Promise<SchoolCalendarResponseDto> {
    return SchoolCalendarResponseDto.from(id, await this.schools.getCalendar(caller, id, schoolYear));
  }

  @Put(':id/calendar/:schoolYear')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Set a school year's calendar (school leadership or directory:admin).",
    description:
      'Deadlines count school days on this calendar. Cases already running keep the calendar they loaded.',
  })
  @ApiParam({ name: 'schoolYear', example: '2026-2027' })
  @ApiOkResponse({ type: SchoolCalendarResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async putCalendar(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolYear', SchoolYearPipe) schoolYear: string,
    @Body() body: SchoolCalendarRequestDto,
  ): Promise<SchoolCalendarResponseDto> {
    return SchoolCalendarResponseDto.from(id, await this.schools.putCalendar(caller, id, schoolYear, body));
  }
}
