import { ApiProperty } from '@nestjs/swagger';

/** What the current step has seen so far. */
export class CaseProgressDto {
  @ApiProperty()
  meetingHeld!: boolean;

  @ApiProperty()
  mappingRecorded!: boolean;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Step 3: null until the guardians have answered.',
  })
  consentGiven!: boolean | null;

  @ApiProperty()
  referralSent!: boolean;

  @ApiProperty()
  teamAdviceRecorded!: boolean;

  @ApiProperty()
  evaluations!: number;
}
