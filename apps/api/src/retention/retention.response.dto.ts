import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETENTION_CASE_KINDS } from '@ledger/domain';
import { WriteResponseDto } from '../http/write.response.dto.js';

export class RetentionRuleDto {
  @ApiProperty({ description: 'The rule\u2019s id, named in every shred it governs', example: 'RET-PATRON-SELF', pattern: '^[A-Z0-9][A-Z0-9-]{0,39}$' })
  id!: string;

  @ApiProperty({ enum: RETENTION_CASE_KINDS })
  caseKind!: string;

  @ApiProperty({ oneOf: [{ type: 'integer', minimum: 0, maximum: 36500 }, { type: 'string', enum: ['until_released'] }], description: 'Days after the case closed, or until counsel releases it' })
  keepDays!: number | 'until_released';

  @ApiPropertyOptional({ type: 'integer', description: 'The floor for this kind (absent: none; the kinds the law keeps have `until_released` as theirs)' })
  minimumDays?: number;
}

export class ScheduleProposalDto {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: ['awaiting_counsel', 'approved', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: [RetentionRuleDto] }) rules!: RetentionRuleDto[];
  @ApiProperty({ type: [String], description: 'Which floors it lowers, in plain words' }) lowers!: string[];
  @ApiProperty({ description: 'The schedule version it was proposed against' }) basedOnVersion!: number;
  @ApiProperty() proposedAt!: string;
  @ApiProperty() proposedBy!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decidedBy?: string;
}

export class RetentionScheduleDto {
  @ApiProperty({ type: [RetentionRuleDto] })
  rules!: RetentionRuleDto[];

  @ApiProperty({ description: '0 is the built-in default; each schedule the director sets is the next version', example: 0 })
  version!: number;

  @ApiProperty({ type: [ScheduleProposalDto], description: 'Proposals that lower a floor, newest first' })
  proposals!: ScheduleProposalDto[];
}

export class ScheduleProposedDto extends WriteResponseDto {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: ['in_effect', 'awaiting_counsel'], description: '`in_effect`: it lowered no floor and is the schedule now' }) status!: string;
  @ApiProperty({ type: [String], description: 'Which floors it lowers (empty when in effect at once)' }) lowers!: string[];
  @ApiProperty({ description: 'The schedule version in force after this' }) version!: number;
}

export class SetRetentionScheduleResponseDto extends WriteResponseDto {
  @ApiProperty({ type: [RetentionRuleDto] })
  rules!: RetentionRuleDto[];

  @ApiProperty({ example: 1 })
  version!: number;
}

/** A sealed case the caller is not named in shows only `caseId` and `sealed: true`. */
export class RetentionDueItemDto {
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional({ description: 'The patron, by pseudonym only' }) patronPseudonym?: string;
  @ApiPropertyOptional({ type: [String], description: 'A request about a resource or a transaction: the patrons attached to it, by pseudonym only' }) attachedPatronPseudonyms?: string[];
  @ApiPropertyOptional({ enum: RETENTION_CASE_KINDS, isArray: true }) caseKinds?: string[];
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional({ description: 'The governing rule' }) rule?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['until_released'] }] }) keepDays?: number | 'until_released';
  @ApiPropertyOptional() dueAt?: string;
  @ApiPropertyOptional({ description: 'Why this date, in plain words' }) reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'Legal holds in force over the case (or its patron)' }) holds?: string[];
  @ApiPropertyOptional({ description: 'true: the next purge shreds it; false: `keptBecause` says what keeps it' }) willPurge?: boolean;
  @ApiPropertyOptional({ description: '`LEGAL-HOLD`, `LEGAL-PROCESS-HOLD` or `SHARED-KEY`, with the reason' }) keptBecause?: { rule: string; reason: string };
  @ApiPropertyOptional({ enum: [true], description: 'A sealed case the caller is not named in: nothing else is shown' }) sealed?: true;
}

export class RetentionDueDto {
  @ApiProperty({ description: 'Due on or before this instant' }) before!: string;
  @ApiProperty({ type: [RetentionDueItemDto] }) items!: RetentionDueItemDto[];
}

export class PurgeResponseDto extends WriteResponseDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: [String], description: 'Every case whose identity the destroyed key held' }) caseIds!: string[];
  @ApiProperty() keyId!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Fingerprint of the destroyed key (null: it was already gone)' }) keyFingerprint!: string | null;
  @ApiProperty() scheduleRule!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The records-disposition authorization it ran under (null: none given)' }) dispositionAuthority!: string | null;
  @ApiProperty() shreddedAt!: string;
}

export class LegalHoldCreatedDto extends WriteResponseDto {
  @ApiProperty({ description: 'Names the hold, e.g. to release it' }) holdId!: string;
}

export class LegalHoldDto {
  @ApiProperty() holdId!: string;
  @ApiPropertyOptional() caseId?: string;
  @ApiPropertyOptional({ description: 'A hold on a patron: every case of theirs, named by pseudonym' }) patronPseudonym?: string;
  @ApiPropertyOptional({ description: 'Absent on a sealed hold' }) reason?: string;
  @ApiPropertyOptional() matter?: string;
  @ApiPropertyOptional({ description: 'Absent on a sealed hold' }) placedAt?: string;
  @ApiPropertyOptional({ description: 'Absent on a sealed hold' }) placedBy?: string;
  @ApiProperty({ enum: ['in_force', 'released'] }) status!: string;
  @ApiPropertyOptional({
    enum: [true],
    description: 'A hold over a sealed case (or a patron who has one) the caller is not named in: only `holdId`, `caseId?`, `status` and `sealed` are shown',
  })
  sealed?: true;
  @ApiPropertyOptional() releasedAt?: string;
  @ApiPropertyOptional() releasedBy?: string;
  @ApiPropertyOptional() releaseReason?: string;
}

export class LegalHoldListDto {
  @ApiProperty({ type: [LegalHoldDto], description: 'Holds in force first, then released ones' }) items!: LegalHoldDto[];
}

export class ErasureOutcomeDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['shredded', 'already_shredded', 'kept'] }) result!: string;
  @ApiPropertyOptional({ description: 'Why kept: `LEGAL-HOLD`, `RETENTION-UNTIL-RELEASED`, `CASE-OPEN` or `SHARED-KEY`' }) rule?: string;
  @ApiPropertyOptional() reason?: string;
}

export class ErasureRequestRecordedDto extends WriteResponseDto {
  @ApiProperty({ description: 'Names the request, for the Director\u2019s approval' }) requestId!: string;
  @ApiProperty({ enum: ['awaiting_approval'] }) status!: string;
  @ApiProperty({ description: 'The patron, by pseudonym' }) patronPseudonym!: string;
}

export class ErasureAnswerDto extends WriteResponseDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ description: 'The patron, by pseudonym' }) patronPseudonym!: string;
  @ApiProperty({ type: [ErasureOutcomeDto], description: 'The cases that may be named to the patron; a sealed case never is' }) outcomes!: ErasureOutcomeDto[];
  @ApiProperty({ description: 'Some identity must be kept for now (true also when the case that keeps it may not be named)' }) someRecordsKept!: boolean;
  @ApiProperty({ description: 'A plain statement the library can hand to the patron' }) statement!: string;
}
