import { ApiProperty } from '@nestjs/swagger';
import { WriteResponseDto } from '../../http/write.response.dto.js';

export class AppointDesigneeResponseDto extends WriteResponseDto {
  @ApiProperty()
  appointmentId!: string;

  @ApiProperty({ description: 'The staff user appointed' })
  userId!: string;

  @ApiProperty({ description: 'ISO 8601: powers start' })
  from!: string;

  @ApiProperty({ description: 'ISO 8601: powers stop' })
  to!: string;
}
