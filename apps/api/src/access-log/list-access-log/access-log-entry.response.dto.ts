import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One read or export: who, what, when, and whether it was allowed. */
export class AccessLogEntryDto {
  @ApiProperty()
  position!: string;

  @ApiProperty({ description: 'ISO 8601' })
  occurredAt!: string;

  @ApiProperty()
  userId!: string;

  @ApiProperty()
  role!: string;

  @ApiProperty({ example: 'case_read' })
  action!: string;

  @ApiProperty({ nullable: true, type: String })
  caseId!: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'string' }, description: 'The recognised query filters' })
  query!: Record<string, string> | null;

  @ApiPropertyOptional({ enum: [true], description: 'The entry is about a sealed case the caller is not named in: who read it and when are shown, the query is not' })
  sealed?: true;

  @ApiProperty({ nullable: true, type: String })
  format!: string | null;

  @ApiProperty({ example: 'allowed' })
  outcome!: string;

  @ApiProperty({ type: 'integer', example: 200 })
  status!: number;
}
