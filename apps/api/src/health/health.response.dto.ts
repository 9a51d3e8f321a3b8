import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'integrity_alarm'], description: '`integrity_alarm` once the events contradict the verifiable log: writes are refused (503, `rule: "LEDGER-INTEGRITY"`)' })
  status!: string;

  @ApiProperty({ enum: ['sqlite', 'eventstoredb'] })
  store!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The ledger\u2019s head position (decimal string); null while empty' })
  position!: string | null;

  @ApiProperty({ description: 'The verifiable log: `{size, checkpoint}` (entries held, size of the latest signed checkpoint or null)' })
  log!: { size: number; checkpoint: number | null };

  @ApiProperty({ description: '`{ok: true}`, or `{ok: false, reason, raisedAt}` once the integrity alarm is raised' })
  integrity!: { ok: boolean; reason?: string; raisedAt?: string };
}

export class LivenessResponseDto {
  @ApiProperty({ enum: ['live'] })
  status!: string;
}

export class ReadinessResponseDto {
  @ApiProperty({ enum: ['ready'] })
  status!: string;

  @ApiProperty({ description: '`{store, views, log}`, each `{ok, position, detail?}`: the store\u2019s head, and how far the views and the log have got (decimal strings)' })
  checks!: Record<'store' | 'views' | 'log', { ok: boolean; position: string | null; detail?: string }>;
}
