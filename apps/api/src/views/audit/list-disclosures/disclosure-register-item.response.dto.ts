import { ApiProperty } from '@nestjs/swagger';
import {
  CASE_STATUSES,
  CATEGORIES,
  CHANNELS,
  COUNSEL_ADVICE,
  INSTRUMENT_TYPES,
  OUTCOMES,
  REQUESTER_KINDS,
  type CaseStatus,
  type Category,
  type Channel,
  type CounselAdvice,
  type InstrumentType,
  type Outcome,
  type RequesterKind,
} from '@ledger/domain';

export class RegisterPurgeDto {
  @ApiProperty() shreddedAt!: string;
  @ApiProperty({ enum: ['schedule', 'by_hand', 'erasure_request'] }) basis!: string;
  @ApiProperty({ description: 'The retention rule that governed the case' }) scheduleRule!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The records-disposition authorization it ran under (null: none given)' }) dispositionAuthority!: string | null;
  @ApiProperty({ description: 'Who shredded: the Director by hand or approving an erasure, or the scheduler\u2019s user' }) shreddedBy!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved the disposition: the Director who purged by hand or approved the erasure, or who set the schedule (null: the default schedule)' })
  approvedBy!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Counsel who released the case or approved the schedule version it ran under; what the law keeps needs it (else a `RETENTION-COUNSEL-APPROVAL` finding)',
  })
  counselApprovedBy!: string | null;
}

export class RegisterInstrumentDto {
  @ApiProperty({ enum: INSTRUMENT_TYPES })
  type!: InstrumentType;

  @ApiProperty({ description: 'An instrument that opens the statute\u2019s door in the case\u2019s jurisdiction (a court order or search warrant; under `us-ny` also a subpoena) whose scope covers records that left the library on this case' })
  authorisedRelease!: boolean;
}

/** One row of the disclosure register. A sealed case shows only `caseId`, `openedAt` and `sealed: true` to readers without need-to-know (everything else null or empty). */
export class DisclosureRegisterItemDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ description: 'ISO 8601' })
  openedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ enum: REQUESTER_KINDS, nullable: true })
  requesterKind!: RequesterKind | null;

  @ApiProperty({ enum: CHANNELS, nullable: true })
  channel!: Channel | null;

  @ApiProperty({ nullable: true, type: String, example: 'P-3f9c0a1b2c4d' })
  patronPseudonym!: string | null;

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  requestedCategories!: Category[];

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  releasedCategories!: Category[];

  @ApiProperty({ enum: OUTCOMES, nullable: true })
  outcome!: Outcome | null;

  @ApiProperty({ type: [String], description: 'Rule ids that fired on the request' })
  rules!: string[];

  @ApiProperty({ enum: INSTRUMENT_TYPES, nullable: true, description: 'The first instrument recorded (every one is in `instruments`)' })
  instrumentType!: InstrumentType | null;

  @ApiProperty({ type: () => [RegisterInstrumentDto], description: 'Every instrument on the case, in the order recorded' })
  instruments!: RegisterInstrumentDto[];

  @ApiProperty({ enum: COUNSEL_ADVICE, nullable: true })
  counselAdvice!: CounselAdvice | null;

  @ApiProperty({ nullable: true, type: String, description: 'userId of who decided' })
  decidedBy!: string | null;

  @ApiProperty({ type: RegisterPurgeDto, nullable: true, description: 'The purge of the patron identity, if any (null also on a sealed row the reader may not see)' })
  purge!: RegisterPurgeDto | null;

  @ApiProperty({ enum: ['disclosure_request', 'wellness_check'], nullable: true })
  kind!: string | null;

  @ApiProperty({ enum: CASE_STATUSES, nullable: true, description: 'Null on a sealed case the reader may not see' })
  status!: CaseStatus | null;

  @ApiProperty()
  sealed!: boolean;
}
