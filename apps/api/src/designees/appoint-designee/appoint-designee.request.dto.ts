import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsInstant } from '../../http/instant.js';

export class AppointDesigneeRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A staff user' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ format: 'date-time', description: 'Powers start at this instant (inclusive)' })
  @IsInstant()
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Powers stop at this instant (exclusive); after `from`' })
  @IsInstant()
  to!: string;
}
