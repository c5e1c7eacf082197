import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class LoginQueryDto {
  @ApiPropertyOptional({
    example: '/cases/7f0c2b9e-0000-4000-8000-000000000001',
    description:
      'Where to go after signing in: a path of this origin starting with a single "/"; anything else means "/".',
  })
  @IsOptional()
  @IsString()
  returnTo?: string;
}
