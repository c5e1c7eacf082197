import type { Type } from '@nestjs/common';
import type { CaseEventType } from '@tiltak/domain';
import { CaseClosedPayloadDto } from './dto/payloads/case-closed.payload.dto';
import { CasePausedPayloadDto } from './dto/payloads/case-paused.payload.dto';
import { CaseResumedPayloadDto } from './dto/payloads/case-resumed.payload.dto';
import { EvaluationRecordedPayloadDto } from './dto/payloads/evaluation-recorded.payload.dto';
import { GuardianConsentPayloadDto } from './dto/payloads/guardian-consent.payload.dto';
import { MappingRecordedPayloadDto } from './dto/payloads/mapping-recorded.payload.dto';
import { MeasurePlannedPayloadDto } from './dto/payloads/measure-planned.payload.dto';
import { MeetingHeldPayloadDto } from './dto/payloads/meeting-held.payload.dto';
import { NotePayloadDto } from './dto/payloads/note.payload.dto';
import { OwnerReassignedPayloadDto } from './dto/payloads/owner-reassigned.payload.dto';
import { ReferralSentPayloadDto } from './dto/payloads/referral-sent.payload.dto';
import { Step1ContactPayloadDto } from './dto/payloads/step1-contact.payload.dto';
import { TeamAdvicePayloadDto } from './dto/payloads/team-advice.payload.dto';

/** The payload class for each event type: the discriminator `type` picks the one to validate against. */
export const PAYLOAD_DTOS: Record<CaseEventType, Type<object>> = {
  'step1-contact': Step1ContactPayloadDto,
  'meeting-held': MeetingHeldPayloadDto,
  'mapping-recorded': MappingRecordedPayloadDto,
  'measure-planned': MeasurePlannedPayloadDto,
  'evaluation-recorded': EvaluationRecordedPayloadDto,
  'guardian-consent-recorded': GuardianConsentPayloadDto,
  'referral-sent': ReferralSentPayloadDto,
  'team-advice-recorded': TeamAdvicePayloadDto,
  'note-added': NotePayloadDto,
  'owner-reassigned': OwnerReassignedPayloadDto,
  'case-paused': CasePausedPayloadDto,
  'case-resumed': CaseResumedPayloadDto,
  'case-closed': CaseClosedPayloadDto,
};
