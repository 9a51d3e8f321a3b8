import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTACHMENT_KINDS, ATTACHMENT_MEDIA_TYPES, CASE_EVENT_TYPES, CASE_STATUSES, CATEGORIES, CHANNELS, INSTRUMENT_TYPES, OUTCOMES, REQUESTER_KINDS, type CaseStatus, type Category, type Outcome } from '@ledger/domain';
import { RequestEvaluationDto } from '../open-case/open-case.response.dto.js';
import { RequestSubjectDto } from '../open-case/open-case.request.dto.js';

/** An event's own fields, as recorded (without `caseId`). */
const RECORD = { type: 'object', additionalProperties: true } as const;

export class IdentityShreddedDto {
  @ApiProperty() shreddedAt!: string;
  @ApiProperty({ description: 'The retention rule that governed the case' }) scheduleRule!: string;
  @ApiProperty({ enum: ['schedule', 'by_hand', 'erasure_request'] }) basis!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Fingerprint of the destroyed key' }) keyFingerprint!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The records-disposition authorization the purge ran under (null: none given)' }) dispositionAuthority!: string | null;
  @ApiProperty({ example: 'Patron identity shredded on 2026-03-01 under rule RET-PATRON-SELF (schedule)' }) statement!: string;
}

export class ActorDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty({ nullable: true, type: String })
  role!: string | null;
}

export class CaseTimelineItemDto {
  @ApiProperty({ example: '0' })
  revision!: string;

  @ApiProperty({ enum: CASE_EVENT_TYPES })
  type!: string;

  @ApiProperty({ example: 'Disclosure requested' })
  label!: string;

  @ApiProperty({ nullable: true, type: String })
  detail!: string | null;

  @ApiProperty({ description: 'ISO 8601: when it happened' })
  occurredAt!: string;

  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601: when the ledger recorded it' })
  recordedAt!: string | null;

  @ApiProperty({ type: ActorDto })
  by!: ActorDto;

  @ApiProperty({ type: ActorDto, description: 'The same as `by`' })
  actor!: ActorDto;

  @ApiProperty({ nullable: true, type: String })
  policyVersion!: string | null;
}

export class CaseRequesterDto {
  @ApiProperty({ enum: REQUESTER_KINDS })
  kind!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null for auditors when the requester is the patron' })
  name!: string | null;

  @ApiPropertyOptional()
  agency?: string;

  @ApiPropertyOptional()
  badgeNumber?: string;
}

export class CasePatronDto {
  @ApiProperty({ example: 'P-3f9c0a1b2c4d' })
  pseudonym!: string;

  @ApiProperty()
  isMinor!: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Full readers only: the reference, null once the patron\u2019s key is destroyed' })
  ref?: string | null;
}

export class CaseDeadlineDto {
  @ApiProperty()
  instrumentId!: string;

  @ApiProperty({ enum: INSTRUMENT_TYPES })
  instrumentType!: string;

  @ApiProperty({ enum: ['return_date', 'objection_date'], description: 'A subpoena also has the last day to object: the earlier of its return date and 14 days after service' })
  kind!: string;

  @ApiProperty({ description: 'ISO 8601, UTC' })
  dueAt!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The first objection or motion to quash filed before `dueAt`' })
  objectionFiledAt!: string | null;

  @ApiProperty({ description: 'An objection filed before the date stopped its clock' })
  clockStopped!: boolean;
}

/** `GET /v1/cases/:caseId`: the case with its evaluation and timeline. */
export class CaseNoteDto {
  @ApiProperty() noteId!: string;
  @ApiProperty({ description: 'The note in full' }) text!: string;
  @ApiProperty({ description: 'Its author (userId)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseAttachmentDto {
  @ApiProperty() attachmentId!: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind!: string;
  @ApiPropertyOptional({ description: 'The instrument the scan is of' }) instrumentId?: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the document (hex), as the `AttachmentAdded` event recorded it' }) sha256!: string;
  @ApiProperty({ description: 'Who attached it (userId)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseViewDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ enum: ['disclosure_request', 'wellness_check'] })
  kind!: string;

  @ApiProperty({ description: 'Send back as `If-Match` (also the `ETag`)', example: '7' })
  revision!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty({ enum: OUTCOMES, nullable: true })
  outcome!: Outcome | null;

  @ApiProperty({ nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty()
  sealed!: boolean;

  @ApiProperty()
  receivedAt!: string;

  @ApiProperty()
  openedAt!: string;

  @ApiProperty({ description: 'userId of the staff member who opened it' })
  openedBy!: string;

  @ApiProperty({ enum: ['full', 'pseudonymised'] })
  access!: string;

  @ApiProperty({ type: CaseRequesterDto })
  requester!: CaseRequesterDto;

  @ApiProperty({ enum: CHANNELS, nullable: true })
  channel!: string | null;

  @ApiProperty({ type: CasePatronDto, nullable: true, description: 'Null on a request about a resource or a transaction (`subject`)' })
  patron!: CasePatronDto | null;

  @ApiProperty({ type: RequestSubjectDto, nullable: true, description: 'What a request about a resource or a transaction names instead of a patron' })
  subject!: RequestSubjectDto | null;

  @ApiProperty({ type: [CasePatronDto], description: 'The patrons such a request turned out to concern, shown as `patron` is' })
  attachedPatrons!: CasePatronDto[];

  @ApiPropertyOptional({ type: IdentityShreddedDto, description: 'Present once the patron identity was purged: when, under which rule' })
  identityShredded?: IdentityShreddedDto;

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  requestedCategories!: Category[];

  @ApiProperty({ type: 'array', items: RECORD, description: '`{kind, detail?}`; auditors get the kinds only' })
  identification!: object[];

  @ApiProperty({ nullable: true, type: String })
  purpose!: string | null;

  @ApiProperty({ type: RequestEvaluationDto, nullable: true })
  evaluation!: RequestEvaluationDto | null;

  @ApiProperty({ ...RECORD, nullable: true, description: '`{concern, agency, officer?}` on a wellness check' })
  wellness!: object | null;

  @ApiProperty({ type: 'array', items: RECORD })
  releases!: object[];

  @ApiProperty({ ...RECORD, nullable: true })
  refusal!: object | null;

  @ApiProperty({ ...RECORD, nullable: true })
  policyExplanation!: object | null;

  @ApiProperty({ type: 'array', items: RECORD, description: 'As recorded: `{instrumentId, type, issuedBy, court?, docketNumber?, servedAt, servedOn?, returnDate?, scope, nondisclosureOrder, documentSha256?, jurisdiction?, timeZone?}` (timeZone: the library’s zone its days are counted in)' })
  instruments!: object[];

  @ApiProperty({ nullable: true, type: String })
  counselUserId!: string | null;

  @ApiProperty({ ...RECORD, nullable: true, description: 'The current referral to counsel' })
  counselReferral!: object | null;

  @ApiProperty({ ...RECORD, nullable: true })
  advice!: object | null;

  @ApiProperty({ ...RECORD, nullable: true })
  decision!: object | null;

  @ApiProperty({ ...RECORD, nullable: true, description: 'The latest production' })
  production!: object | null;

  @ApiProperty({ type: 'array', items: RECORD })
  productions!: object[];

  @ApiProperty({ type: 'array', items: RECORD })
  warrantExecutions!: object[];

  @ApiProperty({ type: 'array', items: RECORD, description: 'Each non-disclosure order\u2019s end: `{instrumentId, endedAt, how, note?, occurredAt, by}`' })
  nondisclosureEnds!: object[];

  @ApiProperty({ type: 'array', items: RECORD, description: 'Counsel\u2019s challenges to a non-disclosure order: `{instrumentId, filedAt, court, note?, occurredAt, by}`' })
  nondisclosureChallenges!: object[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last order in force ended and the case ceased to be sealed' })
  unsealedAt!: string | null;

  @ApiProperty({ type: 'array', items: RECORD, description: 'Notices to the patron: `{method, notifiedAt, occurredAt, by}`' })
  patronNotices!: object[];

  @ApiProperty({ type: [CaseNoteDto], description: 'Free-text notes, in the order written' })
  notes!: CaseNoteDto[];

  @ApiProperty({ type: [CaseAttachmentDto], description: 'Scanned documents attached, in the order attached (`GET /v1/cases/:caseId/attachments/:attachmentId` downloads one)' })
  attachments!: CaseAttachmentDto[];

  @ApiProperty({ type: [CaseDeadlineDto], description: 'Every date the instruments set, in the order they were recorded' })
  deadlines!: CaseDeadlineDto[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "A public-records request for the library's statistics still unanswered: when the reply is due (the public-records law's business days, from the jurisdiction pack, on the library's calendar in the zone recorded with the request: the instant its midnight ends the last day); null otherwise",
  })
  publicRecordsReplyDueAt!: string | null;

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  releasedCategories!: Category[];

  @ApiProperty({ type: [String], description: 'userIds granted need-to-know' })
  needToKnow!: string[];

  @ApiProperty({ type: [CaseTimelineItemDto] })
  timeline!: CaseTimelineItemDto[];
}
