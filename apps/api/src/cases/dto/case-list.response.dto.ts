import { ApiProperty } from '@nestjs/swagger';
import { CaseListItemDto } from './case-list-item.dto';

export class CaseListResponseDto {
  @ApiProperty({ type: [CaseListItemDto], description: 'Next deadline first; cases without one last.' })
  items!: CaseListItemDto[];

  @ApiProperty({ description: 'Matching cases across all pages.' })
  total!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
