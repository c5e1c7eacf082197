import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { CreateStudentRequestDto } from './dto/create-student.request.dto';
import { StudentListQueryDto } from './dto/student-list.query.dto';
import { StudentResponseDto } from './dto/student.response.dto';
import { UpdateStudentRequestDto } from './dto/update-student.request.dto';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a student (school leadership or directory:admin).',
    description: 'Names stay in PostgreSQL; cases, workflows and logs use only the pseudonymous id.',
  })
  @ApiCreatedResponse({ type: StudentResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateStudentRequestDto,
  ): Promise<StudentResponseDto> {
    return StudentResponseDto.from(await this.students.create(caller, body));
  }

  @Get()
  @ApiOperation({
    summary: "A school's students (leadership), or the caller's own students (contact teacher).",
  })
  @ApiOkResponse({ type: [StudentResponseDto] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: StudentListQueryDto,
  ): Promise<StudentResponseDto[]> {
    return (await this.students.list(caller, query.schoolId)).map(StudentResponseDto.from);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One student, with the concern profile and the absence threshold that applies.' })
  @ApiOkResponse({ type: StudentResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudentResponseDto> {
    return StudentResponseDto.from(await this.students.get(caller, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change class, contact teacher, name or concern profile (school leadership or directory:admin).',
  })
  @ApiOkResponse({ type: StudentResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStudentRequestDto,
  ): Promise<StudentResponseDto> {
    return StudentResponseDto.from(await this.students.update(caller, id, body));
  }
}
