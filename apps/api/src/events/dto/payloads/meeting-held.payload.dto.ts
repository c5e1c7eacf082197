import { ApiProperty } from '@nestjs/swagger';
import { MEETING_KINDS, PARTICIPANT_KINDS, type MeetingKind, type ParticipantKind } from '@tiltak/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../../common/date-validators';
import { LOCAL_DATE_EXAMPLE, TEXT_MAX } from '../../../common/validation';

const STUDENT_PARTICIPATION = ['attended', 'view-given-beforehand', 'informed-afterwards'] as const;

/** A meeting: step-2 meeting, team meeting (step 3) or interdisciplinary collaboration meeting (step 4). */
export class MeetingHeldPayloadDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ example: LOCAL_DATE_EXAMPLE })
  @IsLocalDate()
  heldOn!: string;

  @ApiProperty({ enum: PARTICIPANT_KINDS, isArray: true, description: 'Who took part, by role.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PARTICIPANT_KINDS.length)
  @ArrayUnique()
  @IsIn(PARTICIPANT_KINDS, { each: true })
  participants!: ParticipantKind[];

  @ApiProperty({
    enum: STUDENT_PARTICIPATION,
    description: 'A student who does not attend gives their view beforehand and is informed afterwards.',
  })
  @IsIn(STUDENT_PARTICIPATION)
  studentParticipation!: (typeof STUDENT_PARTICIPATION)[number];

  @ApiProperty({
    example: '2026-12-14',
    description: 'Every meeting ends by setting the date of the next one.',
  })
  @IsLocalDate()
  nextMeetingOn!: string;

  @ApiProperty({ maxLength: TEXT_MAX })
  @IsString()
  @MaxLength(TEXT_MAX)
  summary!: string;
}
