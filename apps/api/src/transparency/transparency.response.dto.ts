import { ApiProperty } from '@nestjs/swagger';
import { WriteResponseDto } from '../http/write.response.dto.js';

export class TransparencyReportPreparedDto extends WriteResponseDto {
  @ApiProperty({ description: 'The draft report: counsel approves it at `/v1/transparency/reports/{reportId}/approval`' })
  reportId!: string;

  @ApiProperty({ description: 'The log size the counts were computed at' })
  checkpointSize!: number;
}

export class TransparencyReportPublishedDto extends WriteResponseDto {
  @ApiProperty()
  reportId!: string;

  @ApiProperty({ description: 'Where the public reads it (no sign-in)', example: '/transparency/3f2a…' })
  url!: string;
}
