import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { ACTIVITY_PLAN_CSP, renderActivityPlanHtml } from './activity-plan.html';
import type { ActivityPlan } from './activity-plan.model';
import { ActivityPlanService } from './activity-plan.service';
import { ActivityPlanQueryDto } from './dto/activity-plan.query.dto';
import { ActivityPlanResponseDto } from './dto/activity-plan.response.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/activity-plan')
export class ActivityPlanController {
  constructor(private readonly plans: ActivityPlanService) {}

  @Get()
  @ApiOperation({
    summary:
      "The student's activity plan (aktivitetsplan, Education Act §12-4), derived from the case's events.",
    description:
      'JSON, or a printable Norwegian HTML document with ?format=html (or Accept: text/html). Each read is logged.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: ActivityPlanResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) caseId: string,
    @Query() query: ActivityPlanQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ActivityPlan | string> {
    const plan = await this.plans.plan(caller, caseId);
    const html = query.format
      ? query.format === 'html'
      : req.accepts(['application/json', 'text/html']) === 'text/html';
    if (!html) return plan;
    res.type('text/html; charset=utf-8');
    // Nothing in the document may load or run anything.
    res.setHeader('Content-Security-Policy', ACTIVITY_PLAN_CSP);
    return renderActivityPlanHtml(plan);
  }
}
