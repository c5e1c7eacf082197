import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { TimelineQueryDto } from './dto/timeline.query.dto';
import { TimelineResponseDto } from './dto/timeline.response.dto';
import { TimelineService } from './timeline.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @ApiOperation({
    summary:
      'The audit trail: every event, who, which role, when, at which step, oldest first and paged. Each read is logged.',
  })
  @ApiOkResponse({ type: TimelineResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) caseId: string,
    @Query() query: TimelineQueryDto,
  ): Promise<TimelineResponseDto> {
    return this.timeline.timeline(caller, caseId, query);
  }
}
