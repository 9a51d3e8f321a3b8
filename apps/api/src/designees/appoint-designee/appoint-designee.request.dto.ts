import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID } from 'class-validator';

export class AppointDesigneeRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A staff user' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ format: 'date-time', description: 'Powers start at this instant (inclusive)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Powers stop at this instant (exclusive); after `from`' })
  @IsISO8601({ strict: true, strictSeparator: true })
  to!: string;
}
