import { ApiProperty } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** Counts over the cases opened in [from, to). */
export class DisclosureStatsDto {
  @ApiProperty({ nullable: true, type: String })
  from!: string | null;

  @ApiProperty({ nullable: true, type: String })
  to!: string | null;

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer', description: 'Sealed cases: counted here and in `total`, never in a breakdown' })
  sealed!: number;

  @ApiProperty({ ...COUNTS, description: 'By requester kind' })
  byRequesterKind!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'By outcome; open cases under `open`' })
  byOutcome!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'By instrument type (a case with two types counts under each)' })
  byInstrumentType!: Record<string, number>;
}
