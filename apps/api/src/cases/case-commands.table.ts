import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as NestedType } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  ATTACHMENT_BYTES_MAX,
  type AttachmentKind,
  type AttachmentMediaType,
  CASE_COMMAND_FIELDS,
  INSTRUMENT_TYPES,
  JURISDICTIONS,
  NAME_MAX,
  type CaseCommand,
  type CaseCommandBase,
  type CaseCommandType,
  type CaseDecisionContext,
  type CaseState,
  type Category,
  type CounselAdvice,
  type InstrumentType,
  type Jurisdiction,
  type MeasuredAct,
  type NondisclosureEnding,
  type PatronNoticeMethod,
  type ProtectedPatronInput,
  PATRON_REF_MAX,
  PATRONS_MAX,
  type ReleaseDecision,
  type ReleaseMethod,
  type Role,
} from '@ledger/domain';
import type { CaseOpening, CommandUser } from '@ledger/runtime';
import { CategoryList } from '../http/category-list.decorator.js';
import { DeclaredField } from '../http/declared-field.decorator.js';
import { IsInstant, NotBefore } from '../http/instant.js';
import type { ProblemSpec } from '../http/openapi.js';
import { SingleLine } from '../http/text.js';
import { type FormBody, localInstant, list, text } from '../web/shared/web-form.js';
import { CaseCommandRequestDto } from './case-command.request.dto.js';
import { RecordedInstrumentResponseDto } from './case-http.js';
import { OpenCaseRequestDto } from './open-case/open-case.request.dto.js';
import { OpenCaseResponseDto } from './open-case/open-case.response.dto.js';
import { CaseCommandResponseDto } from './case-http.js';
import { RecordWellnessCheckRequestDto } from './record-wellness-check/record-wellness-check.request.dto.js';
import { newEntityId } from '@ledger/ledger';

/*
 * The one table of case commands. Each domain case command is declared here once: its route, the roles
 * that may reach it, its request schema (the class-validator DTO, beside its entry), how a validated body
 * becomes the domain command, what the decider needs from other streams, its OpenAPI text, and the form
 * on the case page that posts it. `caseCommandControllers` makes the API's routes from it, the case page
 * posts its forms through it, and `CaseCommands` runs every entry through the stream's runner.
 */

/** A domain case command without what the runner adds (case id, actor, instants) and without its type. */
export type CaseCommandFields<T extends CaseCommandType> = Omit<Extract<CaseCommand, { type: T }>, keyof CaseCommandBase | 'type'>;

/** A patron reference protected under the case's own key, as the case stores it. */
export type ProtectPatronRef = (ref: string) => Promise<ProtectedPatronInput>;

/** What a decision may need from other streams, for the entries to ask for. */
export interface CaseContextSources {
  /** The patron's standing (written consents, card). */
  readonly patron: (state: CaseState) => Promise<CaseDecisionContext>;
  /** A user as their own stream says, or null when nobody has that id. */
  readonly knownUser: (userId: string) => Promise<{ readonly userId: string; readonly role: Role } | null>;
  /** The published transparency reports, and those a correction superseded (an answer to a public-records request for statistics names one in force). */
  readonly transparencyReports: () => Promise<Pick<CaseDecisionContext, 'publishedTransparencyReports' | 'supersededTransparencyReports'>>;
}

/** The form on the case page (`POST /cases/:caseId/actions/<action>`) that posts a command. */
export interface CaseCommandForm<A extends string = string> {
  readonly action: A;
  /** Said on the case page once the command is recorded. */
  readonly confirmation: string;
  /**
   * The form's fields in the shape of the request DTO (validated against it as the API's body is);
   * dates and times typed in the library's time zone (`zone`).
   */
  fromForm(body: FormBody, zone: string): object;
}

/** The OpenAPI text of a command on an existing case (the shared shape is `CaseCommandEndpoint`'s). */
export interface CaseCommandOpenApi {
  /** The operation's one-line summary in the OpenAPI document. */
  readonly summary: string;
  readonly created: string;
  readonly policy?: string;
  readonly forbidden?: string;
  readonly responseType?: Type<unknown>;
}

/** The document uploaded with a command, stored encrypted under the case's key before the command runs. */
export type StoreDocument = () => Promise<StoredCaseDocument>;

/** What the ledger knows of a document it stored: its id, what it is (by its bytes), its size and SHA-256. */
export interface StoredCaseDocument {
  readonly attachmentId: string;
  readonly filename: string;
  readonly mediaType: AttachmentMediaType;
  readonly size: number;
  readonly sha256: string;
}

/** A command on an existing case: `POST /v1/cases/:caseId/<path>`, `If-Match` honoured. */
export interface OnCaseCommand<T extends CaseCommandType = CaseCommandType, D extends CaseCommandRequestDto = CaseCommandRequestDto, A extends string = string> {
  readonly type: T;
  readonly opens?: false;
  readonly path: string;
  readonly roles: readonly Role[];
  readonly request: Type<D>;
  readonly openapi: CaseCommandOpenApi;
  /**
   * The body is `multipart/form-data` with the document in the part `file` (at most `maxBytes`): the
   * other parts are the request DTO's fields.
   */
  readonly upload?: { readonly maxBytes: number };
  /**
   * The domain command's own fields, from a validated body; `protect` encrypts and blind-indexes a patron
   * reference under the case's key (the domain never sees one in clear); `store` stores the uploaded
   * document encrypted under the case's key (an entry with `upload`).
   */
  fields(body: D, protect: ProtectPatronRef, store: StoreDocument): CaseCommandFields<T> | Promise<CaseCommandFields<T>>;
  /** What the decider needs from other streams. */
  context?(sources: CaseContextSources, fields: CaseCommandFields<T>): (state: CaseState) => Promise<CaseDecisionContext>;
  /** Fields the answer carries besides the case's revision and status (e.g. a server-made id). */
  answer?(fields: CaseCommandFields<T>): Record<string, string>;
  readonly form?: CaseCommandForm<A>;
}

/** The OpenAPI text of a command that opens a case. */
export interface OpeningOpenApi {
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly created: string;
  readonly responseType: Type<unknown>;
  readonly problems: readonly ProblemSpec[];
}

/** A command that opens a case: `POST /<path>`, the case id made by the server, the patron reference protected first. */
export interface OpeningCommand<T extends CaseCommandType = CaseCommandType, D extends object = object> {
  readonly type: T;
  readonly opens: true;
  readonly path: string;
  readonly roles: readonly Role[];
  readonly request: Type<D>;
  readonly openapi: OpeningOpenApi;
  open(opening: CaseOpening, body: D, user: CommandUser): Promise<object>;
}

export type CaseCommandEntry = OnCaseCommand<CaseCommandType, any, string> | OpeningCommand<CaseCommandType, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const onCase = <T extends CaseCommandType, D extends CaseCommandRequestDto, A extends string = never>(entry: OnCaseCommand<T, D, A>) => entry;
const opening = <T extends CaseCommandType, D extends object>(entry: OpeningCommand<T, D>) => entry;

/** The fields of a body that were given (undefined ones dropped), for the domain command. */
function given<T extends object, K extends keyof T>(body: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (body[key] !== undefined) out[key] = body[key];
  return out;
}

/** A form field given only when filled in (an empty list counts as not given). */
const maybe = <K extends string>(key: K, value: unknown) => (value === undefined || (Array.isArray(value) && value.length === 0) ? {} : { [key]: value });

const DIRECTOR_ONLY = '`LE-DIRECTOR-ONLY`: the director or an active designee only';

export class RecordReleaseRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RecordRelease.categories, { description: 'Within the evaluation\u2019s `permittedCategories` (422 RELEASE-SCOPE otherwise)' })
  categories!: Category[];

  @DeclaredField(CASE_COMMAND_FIELDS.RecordRelease.recipient, { description: 'Who received it, if not the requester' })
  recipient?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordRelease.method)
  method!: ReleaseMethod;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordRelease.transparencyReportId, {
    description: 'Answering a public-records request for the library\u2019s statistics (director): the published transparency report given (400 when it is not one, or on any other request)',
  })
  transparencyReportId?: string;
}

export class RefuseRequestRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RefuseRequest.reason, { example: 'No library card or photo id shown' })
  reason!: string;
}

export class ReferToDirectorRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.ReferToDirector.note, { example: 'Asked for the patron\u2019s circulation history; officer at the desk' })
  note?: string;
}

export class InstrumentScopeDto {
  @CategoryList('What the instrument demands')
  categories!: Category[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Records from (the period the instrument covers)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Records until' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;
}

export class RecordLegalInstrumentRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: INSTRUMENT_TYPES })
  @IsIn(INSTRUMENT_TYPES)
  type!: InstrumentType;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Connecticut Superior Court, J.D. of Hartford' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  issuedBy!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  court?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, example: 'HHD-CR24-0123456-T' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  docketNumber?: string;

  @ApiProperty({ format: 'date-time', description: 'When it was served on the library' })
  @IsInstant()
  servedAt!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'Who it was served on' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  servedOn?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When records are due (finding DEADLINE-MISSED if the case is still open then)' })
  @IsOptional()
  @IsInstant()
  returnDate?: string;

  @ApiProperty({ type: InstrumentScopeDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @NestedType(() => InstrumentScopeDto)
  scope!: InstrumentScopeDto;

  @ApiProperty({ description: 'A non-disclosure (gag) order: seals the case' })
  @IsBoolean()
  nondisclosureOrder!: boolean;

  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the scanned instrument, lower-case hex' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256?: string;

  @ApiPropertyOptional({ enum: JURISDICTIONS, description: 'Whose law governs it: a federal subpoena is answered under FRCP 45' })
  @IsOptional()
  @IsIn(JURISDICTIONS)
  jurisdiction?: Jurisdiction;
}

export class ExplainPolicyRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.ExplainPolicy.note, { example: 'Explained the state\u2019s confidentiality law and the policy; no subpoena or court order' })
  note?: string;
}

export class ReferToCounselRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.ReferToCounsel.counselUserId, { description: 'A user with the counsel role (404 if unknown, 400 if not counsel)' })
  counselUserId!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.ReferToCounsel.note)
  note?: string;
}

export class CategoryScopeDto {
  @CategoryList()
  categories!: Category[];
}

export class RecordCounselAdviceRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RecordCounselAdvice.advice)
  advice!: CounselAdvice;

  @ApiPropertyOptional({ type: CategoryScopeDto, description: 'Required for `comply_in_part`; none for `object`, `move_to_quash`, `decline`' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @NestedType(() => CategoryScopeDto)
  scope?: CategoryScopeDto;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordCounselAdvice.notes)
  notes?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordCounselAdvice.filedAt, { description: 'Only with `object` or `move_to_quash`: when the objection or motion to quash was filed. Filed before an instrument\'s return date, it stops that clock (no DEADLINE-MISSED).' })
  filedAt?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordCounselAdvice.providesCommunicationService, {
    description: 'Counsel finds that the library provides an electronic communication service (18 U.S.C. \u00a7 2510(15)), so a national security letter reaches it (\u00a7 2709(f)) and is handled as any instrument that is not a court order',
  })
  providesCommunicationService?: boolean;
}

export class DecideReleaseRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.DecideRelease.decision)
  decision!: ReleaseDecision;

  @DeclaredField(CASE_COMMAND_FIELDS.DecideRelease.categories, { description: 'Required for `release_in_part`; `release` without it = everything counsel\u2019s advice permits' })
  categories?: Category[];

  @DeclaredField(CASE_COMMAND_FIELDS.DecideRelease.rationale, { example: 'On advice of counsel: the subpoena is valid for these categories' })
  rationale!: string;
}

export class RecordProductionRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.categories, { description: 'Within instrument scope \u2229 advice \u2229 decision (422 LE-SCOPE otherwise)' })
  categories!: Category[];

  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.recipient, { example: 'Connecticut State Police, Troop H' })
  recipient!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.method)
  method!: ReleaseMethod;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.inventory, { description: 'What was handed over' })
  inventory?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.recordsFrom, { description: 'Start of the period of the records produced; required (with `recordsTo`) when an instrument on record has `scope.from`/`scope.to`, and inside it (422 LE-SCOPE)' })
  recordsFrom?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordProduction.recordsTo, { description: 'End of the period of the records produced (see `recordsFrom`)' })
  recordsTo?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: PATRONS_MAX, description: 'On a request about a resource or a transaction with patrons attached (required then): the pseudonyms of those whose records are handed over' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PATRONS_MAX)
  @IsString({ each: true })
  @SingleLine(1, NAME_MAX, { each: true })
  patrons?: string[];
}

export class RecordWarrantExecutionRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RecordWarrantExecution.instrumentId, { description: 'Which search warrant (default: the latest on record covering the categories)' })
  instrumentId?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordWarrantExecution.categories, { description: 'What was taken; inside one warrant\u2019s scope' })
  categories!: Category[];

  @DeclaredField(CASE_COMMAND_FIELDS.RecordWarrantExecution.officers, { example: 'Det. R. Hale (badge 212), Det. S. Ortiz (badge 305)' })
  officers?: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordWarrantExecution.inventory, { example: 'Printout of circulation history, 3 pages' })
  inventory!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordWarrantExecution.counselPresent, { description: 'Was counsel present when the warrant was executed?' })
  counselPresent!: boolean;
}

export class GrantNeedToKnowRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.GrantNeedToKnow.userId, { description: 'The user who may read this case (never an admin)' })
  userId!: string;
}

export class ConfirmEarlierTimeRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.ConfirmEarlierTime.act, { description: 'The case\u2019s current act whose dated time the Director confirms' })
  act!: MeasuredAct;

  @DeclaredField(CASE_COMMAND_FIELDS.ConfirmEarlierTime.note, { description: 'Why the dated time is right (e.g. referred by phone, recorded later)' })
  note?: string;
}

export class EndNondisclosureRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.EndNondisclosure.instrumentId, { description: 'The instrument on this case whose non-disclosure order ended (404 if not on the case, 409 if it carries no order in force)' })
  instrumentId!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.EndNondisclosure.endedAt, { description: 'When the order ended: not in the future, not before the instrument was served, at most `LEDGER_MAX_BACKDATE_DAYS` before now' })
  endedAt!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.EndNondisclosure.how, { description: 'It expired, a court lifted it, or the government gave notice that it no longer applies' })
  how!: NondisclosureEnding;

  @DeclaredField(CASE_COMMAND_FIELDS.EndNondisclosure.note)
  note?: string;
}

export class ChallengeNondisclosureRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.ChallengeNondisclosure.instrumentId, { description: 'The instrument whose non-disclosure order is challenged' })
  instrumentId!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.ChallengeNondisclosure.filedAt, { description: 'When the challenge was filed (bounded as `endedAt`)' })
  filedAt!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.ChallengeNondisclosure.court, { example: 'U.S. District Court for the District of Connecticut' })
  court!: string;

  @DeclaredField(CASE_COMMAND_FIELDS.ChallengeNondisclosure.note)
  note?: string;
}

export class RecordPatronNoticeRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.RecordPatronNotice.method)
  method!: PatronNoticeMethod;

  @DeclaredField(CASE_COMMAND_FIELDS.RecordPatronNotice.notifiedAt, { description: 'When the patron was told: not before the last non-disclosure order ended, at most `LEDGER_MAX_BACKDATE_DAYS` before now' })
  notifiedAt!: string;
}

export class AttachPatronsRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: PATRONS_MAX, description: 'Card numbers or patron ids of the patrons found. Stored only encrypted under the case\u2019s key and blind-indexed; never logged.', example: ['21234000123456'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PATRONS_MAX)
  @IsString({ each: true })
  @SingleLine(1, PATRON_REF_MAX, { each: true })
  patronRefs!: string[];
}

export class AddCaseNoteRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.AddCaseNote.text, { description: 'The note, in full (sealed with the case; never put a patron\u2019s card number here)', example: 'Officer Kim called back: the return date may move to the 20th.' })
  text!: string;
}

export class AddAttachmentRequestDto extends CaseCommandRequestDto {
  @DeclaredField(CASE_COMMAND_FIELDS.AddAttachment.kind, { description: 'What the scan is: the legal instrument served (`instrumentId` names it) or the patron\u2019s written consent' })
  kind!: AttachmentKind;

  @DeclaredField(CASE_COMMAND_FIELDS.AddAttachment.instrumentId, { description: 'The instrument on this case the scan is of (`kind: instrument` only; 404 if not on the case)' })
  instrumentId?: string;
}

export class AttachmentAddedResponseDto extends CaseCommandResponseDto {
  @ApiProperty({ description: 'The attachment\u2019s id (server-made): `GET /v1/cases/:caseId/attachments/:attachmentId` downloads it' })
  attachmentId!: string;

  @ApiProperty({ description: 'SHA-256 of the document as uploaded (hex), recorded in the `AttachmentAdded` event' })
  sha256!: string;
}

export const CASE_COMMANDS = [
  opening({
    type: 'OpenCase',
    opens: true,
    path: 'v1/cases',
    roles: ['staff', 'director'],
    request: OpenCaseRequestDto,
    openapi: {
      tag: 'cases',
      summary: 'Open a case: a request for patron information, evaluated against the policy',
      description:
        'Records a request for patron information and evaluates it against the policy: the answer\u2019s `evaluation` says whether staff may release (`route`), what (`permittedCategories`) and which rules fired.',
      created: 'The case, opened, with the policy\u2019s evaluation of the request',
      responseType: OpenCaseResponseDto,
      problems: [[400, 'Invalid body (each failed field in `errors[]`); `occurredAt` in the future or too far in the past'], [403, 'Only staff and the director open cases'], 409],
    },
    open: (cases, body, user) =>
      cases.open({
        requester: {
          kind: body.requester.kind,
          name: body.requester.name,
          ...given(body.requester, ['agency', 'badgeNumber']),
        },
        channel: body.channel,
        ...(body.patron && { patron: { ref: body.patron.ref, ...given(body.patron, ['isMinor']) } }),
        ...(body.subject && { subject: { kind: body.subject.kind, description: body.subject.description, ...given(body.subject, ['from', 'to']) } }),
        requestedCategories: body.requestedCategories,
        identification: (body.identification ?? []).map((id) => ({ kind: id.kind, ...given(id, ['detail']) })),
        ...given(body, ['purpose', 'occurredAt']),
        user,
      }),
  }),
  opening({
    type: 'RecordWellnessCheck',
    opens: true,
    path: 'v1/wellness-checks',
    roles: ['staff', 'director'],
    request: RecordWellnessCheckRequestDto,
    openapi: {
      tag: 'wellness-checks',
      summary: 'Staff call law enforcement for a welfare check on a patron (the library\'s call, on an immediate threat)',
      description:
        'Only when library staff have reason to suspect an immediate threat to a patron\'s welfare (`immediateThreat: true`, with what they `observed`). An agency asking the library for a patron\'s details "for a welfare check" is a law-enforcement inquiry: `POST /v1/cases` (LE-REFER).',
      created: 'A case opened and closed at once, `status: "closed"`, outcome `released`',
      responseType: CaseCommandResponseDto,
      problems: [
        400,
        409,
        [
          422,
          '`rule: "WELLNESS-IMMEDIATE-ONLY"`: `immediateThreat` is not `true` or `observed` is missing (checked by the policy, not the body validation, so a missing field is 422 too); `rule: "WELLNESS-SCOPE"`: only name, phone and address may be disclosed',
        ],
      ],
    },
    open: (cases, body, user) =>
      cases.recordWellnessCheck({
        patron: { ref: body.patron.ref },
        ...given(body, ['immediateThreat', 'observed', 'officer', 'occurredAt']),
        concern: body.concern,
        agency: body.agency,
        categories: body.categories,
        user,
      }),
  }),
  onCase({
    type: 'RecordRelease',
    path: 'releases',
    roles: ['staff', 'director'],
    request: RecordReleaseRequestDto,
    openapi: {
      summary: 'Release records across the desk',
      created: 'Staff release records across the desk; closes the case, outcome `released` or `released_in_part`.',
      policy: '`RELEASE-SCOPE` (outside `permittedCategories`, or a `deny` route), `FAMILY-NO-CONTACT`, `LE-STAFF-NO-RELEASE`',
    },
    fields: (body) => given(body, ['categories', 'recipient', 'method', 'transparencyReportId']),
    // What changed since opening (a consent revoked, a card lost, a vendor withdrawn) is weighed again;
    // a public-records request for statistics is answered with a published transparency report.
    context: (sources, fields) => async (state) => ({
      ...(await sources.patron(state)),
      ...(fields.transparencyReportId !== undefined && (await sources.transparencyReports())),
    }),
    form: {
      action: 'release',
      confirmation: 'The release is recorded and the case is closed.',
      fromForm: (body) => ({
        categories: list(body, 'categories'),
        ...maybe('recipient', text(body, 'recipient')),
        method: text(body, 'method'),
        ...maybe('transparencyReportId', text(body, 'transparencyReportId')),
      }),
    },
  }),
  onCase({
    type: 'RefuseRequest',
    path: 'refusals',
    roles: ['staff', 'director'],
    request: RefuseRequestRequestDto,
    openapi: {
      summary: 'Refuse the request',
      created: 'Refuses the request; closes the case, outcome `refused`.',
      policy: '`LE-COUNSEL-FIRST`: a legal instrument is on the case and counsel has not advised yet',
      forbidden: '`LE-DIRECTOR-ONLY` on a law-enforcement case for staff who are not active designees (they refer it)',
    },
    fields: (body) => given(body, ['reason']),
    form: {
      action: 'refuse',
      confirmation: 'The refusal is recorded and the case is closed.',
      fromForm: (body) => ({ reason: text(body, 'reason') }),
    },
  }),
  onCase({
    type: 'ReferToDirector',
    path: 'director-referrals',
    roles: ['staff', 'director'],
    request: ReferToDirectorRequestDto,
    openapi: { summary: 'Refer the case to the director', created: 'Refers the case to the director (law enforcement: step 2); status `with_director`.' },
    fields: (body) => given(body, ['note']),
    form: {
      action: 'refer-to-director',
      confirmation: 'The case is now with the Director.',
      fromForm: (body) => ({ ...maybe('note', text(body, 'note')) }),
    },
  }),
  onCase({
    type: 'RecordLegalInstrument',
    path: 'legal-instruments',
    roles: ['staff', 'director'],
    request: RecordLegalInstrumentRequestDto,
    openapi: {
      summary: 'Record a legal instrument served on the library',
      created: 'Records a subpoena, warrant, court order or other instrument served on the library; a non-disclosure order seals the case. Answers `instrumentId`.',
      forbidden: `${DIRECTOR_ONLY}; staff may record a \`search_warrant\` served while neither is there (the case goes to the director, finding WARRANT-STAFF-RECORDED)`,
      responseType: RecordedInstrumentResponseDto,
    },
    // `type` is `instrumentType` in the domain; the instrument's id is the server's.
    fields: (body) => ({
      instrumentId: newEntityId(),
      instrumentType: body.type,
      ...given(body, ['issuedBy', 'court', 'docketNumber', 'servedAt', 'servedOn', 'returnDate', 'nondisclosureOrder', 'documentSha256', 'jurisdiction']),
      scope: { categories: body.scope.categories, ...given(body.scope, ['from', 'to']) },
    }),
    answer: (fields) => ({ instrumentId: fields.instrumentId }),
    form: {
      action: 'record-instrument',
      confirmation: 'The legal instrument is recorded.',
      fromForm: (body, zone) => ({
        type: text(body, 'type'),
        issuedBy: text(body, 'issuedBy'),
        ...maybe('court', text(body, 'court')),
        ...maybe('docketNumber', text(body, 'docketNumber')),
        servedAt: localInstant(body, 'servedAt', zone, { time: true }),
        ...maybe('returnDate', localInstant(body, 'returnDate', zone, { time: true })),
        // A period is whole days in the library's zone: from the start of the first, up to the start of the day after the last.
        scope: { categories: list(body, 'scope.categories'), ...maybe('from', localInstant(body, 'scopeFrom', zone)), ...maybe('to', localInstant(body, 'scopeTo', zone, { plusDays: 1 })) },
        nondisclosureOrder: text(body, 'nondisclosureOrder') === 'yes',
      }),
    },
  }),
  onCase({
    type: 'ExplainPolicy',
    path: 'policy-explanations',
    roles: ['staff', 'director'],
    request: ExplainPolicyRequestDto,
    openapi: {
      summary: 'Record that the director explained the policy (no instrument produced)',
      created: 'No instrument was produced: the director explained the policy and the law (step 3); closes, outcome `refused_no_instrument`. 409 CASE-STATE once an instrument is on record.',
      forbidden: DIRECTOR_ONLY,
    },
    fields: (body) => given(body, ['note']),
    form: {
      action: 'explain-policy',
      confirmation: 'The explanation is recorded and the case is closed: nothing was released.',
      fromForm: (body) => ({ ...maybe('note', text(body, 'note')) }),
    },
  }),
  onCase({
    type: 'ReferToCounsel',
    path: 'counsel-referrals',
    roles: ['staff', 'director'],
    request: ReferToCounselRequestDto,
    openapi: {
      summary: 'Refer the case to legal counsel',
      created: 'Refers the case to legal counsel (step 4); status `awaiting_counsel`. Only that counsel may then advise.',
      forbidden: DIRECTOR_ONLY,
    },
    fields: (body) => given(body, ['counselUserId', 'note']),
    context: (sources, fields) => async () => ({ counsel: await sources.knownUser(fields.counselUserId) }),
    form: {
      action: 'refer-to-counsel',
      confirmation: 'The case is referred to counsel.',
      fromForm: (body) => ({ counselUserId: text(body, 'counselUserId'), ...maybe('note', text(body, 'note')) }),
    },
  }),
  onCase({
    type: 'RecordCounselAdvice',
    path: 'counsel-advice',
    roles: ['counsel', 'director', 'staff'],
    request: RecordCounselAdviceRequestDto,
    openapi: {
      summary: 'Record counsel\'s advice',
      created: 'Counsel\u2019s advice on the instruments; status `awaiting_decision`.',
      forbidden: '`LE-DIRECTOR-ONLY`: only the counsel the case was referred to may advise',
    },
    fields: (body) => given(body, ['advice', 'scope', 'notes', 'filedAt', 'providesCommunicationService']),
    form: {
      action: 'advise',
      confirmation: 'Your advice is recorded and the case is back with the Director.',
      fromForm: (body) => ({
        advice: text(body, 'advice'),
        ...(list(body, 'scope.categories').length ? { scope: { categories: list(body, 'scope.categories') } } : {}),
        ...maybe('notes', text(body, 'notes')),
      }),
    },
  }),
  onCase({
    type: 'DecideRelease',
    path: 'release-decisions',
    roles: ['staff', 'director'],
    request: DecideReleaseRequestDto,
    openapi: {
      summary: 'Record the director\'s release decision',
      created: 'The director\u2019s decision, based on counsel\u2019s advice: `deny` closes (outcome `refused`), otherwise status `decided`.',
      policy:
        '`LE-INSTRUMENT-REQUIRED`, `LE-NSL-NOT-APPLICABLE`, `LE-STATUTE-COURT-ORDER` (no court order or search warrant — under `us-ny` also a subpoena — and no written consent of the patron covering the categories), `LE-COUNSEL-FIRST` (a `deny` too, once an instrument is on the case), `LE-ADVICE-AGAINST`, `LE-SCOPE`',
      forbidden: DIRECTOR_ONLY,
    },
    fields: (body) => given(body, ['decision', 'categories', 'rationale']),
    // No court order on the case? The patron's written permission is the statute's other door.
    context: (sources) => sources.patron,
    form: {
      action: 'decide',
      confirmation: 'The decision is recorded.',
      fromForm: (body) => ({ decision: text(body, 'decision'), ...maybe('categories', list(body, 'categories')), rationale: text(body, 'rationale') }),
    },
  }),
  onCase({
    type: 'RecordProduction',
    path: 'productions',
    roles: ['staff', 'director'],
    request: RecordProductionRequestDto,
    openapi: {
      summary: 'Record the records handed over',
      created: 'Records handed over under the release decision; closes, outcome `released` or `released_in_part`.',
      policy:
        '`LE-NSL-NOT-APPLICABLE`: a national security letter alone; `LE-STATUTE-COURT-ORDER`: no court order or search warrant (under `us-ny` also a subpoena) on the case and no written consent of the patron covering the categories; `LE-SCOPE`: outside instrument scope \u2229 advice \u2229 decision, or records of a period outside the instrument\'s',
      forbidden: DIRECTOR_ONLY,
    },
    fields: (body) => given(body, ['categories', 'recipient', 'method', 'inventory', 'recordsFrom', 'recordsTo', 'patrons']),
    // No court order on the case? The patron's written permission is the statute's other door.
    context: (sources) => sources.patron,
    form: {
      action: 'produce',
      confirmation: 'The production is recorded and the case is closed.',
      fromForm: (body, zone) => ({
        categories: list(body, 'categories'),
        recipient: text(body, 'recipient'),
        method: text(body, 'method'),
        ...maybe('inventory', text(body, 'inventory')),
        ...maybe('recordsFrom', localInstant(body, 'recordsFrom', zone)),
        ...maybe('recordsTo', localInstant(body, 'recordsTo', zone, { plusDays: 1 })),
      }),
    },
  }),
  onCase({
    type: 'RecordWarrantExecution',
    path: 'warrant-executions',
    roles: ['staff', 'director'],
    request: RecordWarrantExecutionRequestDto,
    openapi: {
      summary: 'Record a search warrant executed on the spot',
      created: 'A search warrant executed on the spot: what was taken. Needs a `search_warrant` instrument; the case stays open for counsel\u2019s review.',
      policy: '`LE-WARRANT-REQUIRED` (no `search_warrant` on record), `LE-SCOPE` (outside the warrant)',
    },
    fields: (body) => given(body, ['instrumentId', 'categories', 'officers', 'inventory', 'counselPresent']),
  }),
  onCase({
    type: 'GrantNeedToKnow',
    path: 'need-to-know',
    roles: ['director'],
    request: GrantNeedToKnowRequestDto,
    openapi: { summary: 'Grant a user need-to-know on the case', created: 'Lets a user read this case (a sealed one included).', policy: '`ADMIN-NO-CASE-DATA`: never an admin', forbidden: 'Only the director' },
    fields: (body) => given(body, ['userId']),
    context: (sources, fields) => async () => ({ grantee: await sources.knownUser(fields.userId) }),
    form: {
      action: 'grant-need-to-know',
      confirmation: 'Need-to-know is granted.',
      fromForm: (body) => ({ userId: text(body, 'userId') }),
    },
  }),
  onCase({
    type: 'ConfirmEarlierTime',
    path: 'time-confirmations',
    roles: ['director'],
    request: ConfirmEarlierTimeRequestDto,
    openapi: {
      summary: 'Confirm that a late-recorded step happened when it was dated',
      created: 'The Director confirms that the case\u2019s current referral, advice or decision happened when it was dated, though recorded later: findings measure it from that time again (third reading).',
      forbidden: '`ROLE-NOT-PERMITTED`: only the Director, never a designee',
    },
    fields: (body) => given(body, ['act', 'note']),
  }),
  onCase({
    type: 'AttachPatrons',
    path: 'patrons',
    roles: ['staff', 'director'],
    request: AttachPatronsRequestDto,
    openapi: {
      summary: 'Attach the patrons a request about a resource or a transaction concerns',
      created: 'The patrons a request about a resource or a transaction turned out to concern, each protected as any patron reference (encrypted under the case\u2019s key, blind-indexed). 409 CASE-STATE on a request that names its patron, on a closed case, or when every one is already attached.',
      forbidden: DIRECTOR_ONLY,
    },
    fields: async (body, protect) => ({ patrons: await Promise.all(body.patronRefs.map(protect)) }),
    form: {
      action: 'attach-patrons',
      confirmation: 'The patrons found are attached to the case.',
      // One card number or patron id a line, as staff copy them from the library system.
      fromForm: (body) => ({ patronRefs: (text(body, 'patronRefs') ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '') }),
    },
  }),
  onCase({
    type: 'EndNondisclosure',
    path: 'nondisclosure-end',
    roles: ['staff', 'director', 'counsel'],
    request: EndNondisclosureRequestDto,
    openapi: {
      summary: 'Record the end of an instrument\u2019s non-disclosure order',
      created: 'An instrument\u2019s non-disclosure order ended. Once no order on the case is in force the case is no longer sealed, and `PATRON-NOTICE-DUE` reminds the Director that the patron may be told. 409 CASE-STATE when the instrument carries no order in force.',
      forbidden: '`LE-DIRECTOR-ONLY`: the director, an active designee or the counsel the case is referred to',
    },
    fields: (body) => given(body, ['instrumentId', 'endedAt', 'how', 'note']),
    form: {
      action: 'end-nondisclosure',
      confirmation: 'The end of the non-disclosure order is recorded.',
      fromForm: (body, zone) => ({ instrumentId: text(body, 'instrumentId'), endedAt: localInstant(body, 'endedAt', zone, { time: true }), how: text(body, 'how'), ...maybe('note', text(body, 'note')) }),
    },
  }),
  onCase({
    type: 'ChallengeNondisclosure',
    path: 'nondisclosure-challenges',
    roles: ['counsel'],
    request: ChallengeNondisclosureRequestDto,
    openapi: {
      summary: 'Record counsel\u2019s challenge to a non-disclosure order',
      created: 'Counsel filed a challenge to an instrument\u2019s non-disclosure order (the order stays in force until its end is recorded). 409 CASE-STATE when no order is in force.',
      forbidden: '`LE-DIRECTOR-ONLY`: only the counsel the case is referred to',
    },
    fields: (body) => given(body, ['instrumentId', 'filedAt', 'court', 'note']),
  }),
  onCase({
    type: 'RecordPatronNotice',
    path: 'patron-notices',
    roles: ['staff', 'director'],
    request: RecordPatronNoticeRequestDto,
    openapi: {
      summary: 'Record that the patron was told of the request',
      created: 'The Director told the patron of the request; ends the `PATRON-NOTICE-DUE` reminder. 409 CASE-STATE while a non-disclosure order is in force.',
      forbidden: DIRECTOR_ONLY,
    },
    fields: (body) => given(body, ['method', 'notifiedAt']),
    form: {
      action: 'record-patron-notice',
      confirmation: 'The notice to the patron is recorded.',
      fromForm: (body, zone) => ({ method: text(body, 'method'), notifiedAt: localInstant(body, 'notifiedAt', zone, { time: true }) }),
    },
  }),
  onCase({
    type: 'AddCaseNote',
    path: 'notes',
    roles: ['staff', 'director', 'counsel'],
    request: AddCaseNoteRequestDto,
    openapi: {
      summary: 'Add a note to the case',
      created: 'A free-text note, with its author and time (`CaseNoteAdded`); sealed with the case, in its case file.',
      forbidden: '`ROLE-NOT-PERMITTED`: only those on the case (the Director, an active designee, the counsel it is referred to, the staff member who opened it, a user granted need-to-know); `SEALED`: a sealed case the caller is not named in',
    },
    fields: (body) => ({ noteId: newEntityId(), text: body.text }),
    form: {
      action: 'add-note',
      confirmation: 'Your note is added to the case.',
      fromForm: (body) => ({ text: text(body, 'text') }),
    },
  }),
  onCase({
    type: 'AddAttachment',
    path: 'attachments',
    roles: ['staff', 'director', 'counsel'],
    request: AddAttachmentRequestDto,
    upload: { maxBytes: ATTACHMENT_BYTES_MAX },
    openapi: {
      summary: 'Attach a scan of the instrument or of the patron\u2019s consent',
      created:
        '`multipart/form-data`: the parts `kind` and `instrumentId`, and the document in the part `file` (a PDF, PNG or JPEG, by its bytes; at most 10 MiB, else 413). The bytes are stored encrypted under the case\u2019s key; the `AttachmentAdded` event records the file name, media type, size and SHA-256.',
      forbidden: '`ROLE-NOT-PERMITTED`: only those on the case; `SEALED`: a sealed case the caller is not named in',
      responseType: AttachmentAddedResponseDto,
    },
    fields: async (body, _protect, store) => {
      const { attachmentId, filename, mediaType, size, sha256 } = await store();
      return { attachmentId, kind: body.kind, ...given(body, ['instrumentId']), filename, mediaType, size, sha256 };
    },
    answer: (fields) => ({ attachmentId: fields.attachmentId, sha256: fields.sha256 }),
    form: {
      action: 'attach',
      confirmation: 'The document is attached to the case.',
      fromForm: (body) => {
        const kind = text(body, 'kind');
        // The form offers the instruments beside the kind: a consent names none.
        return { ...maybe('kind', kind), ...(kind === 'instrument' && maybe('instrumentId', text(body, 'instrumentId'))) };
      },
    },
  }),
] as const;

/** The name of a form on the case page. */
export type CaseActionName = NonNullable<Extract<(typeof CASE_COMMANDS)[number], { readonly form?: CaseCommandForm }>['form']>['action'];

const ACTIONS: ReadonlyMap<string, OnCaseCommand<CaseCommandType, CaseCommandRequestDto>> = new Map(
  CASE_COMMANDS.flatMap((entry) => ('form' in entry && entry.form ? [[entry.form.action, entry as OnCaseCommand<CaseCommandType, CaseCommandRequestDto>] as const] : [])),
);

/** The command a case page's form posts, or undefined when no form has that name. */
export function caseAction(name: string): (OnCaseCommand<CaseCommandType, CaseCommandRequestDto> & { readonly form: CaseCommandForm }) | undefined {
  return ACTIONS.get(name) as (OnCaseCommand<CaseCommandType, CaseCommandRequestDto> & { readonly form: CaseCommandForm }) | undefined;
}

type OpeningEntries = Extract<(typeof CASE_COMMANDS)[number], { readonly opens: true }>;

/** The entry of a command that opens a case (the desk page posts them). */
export function openingCommand<T extends OpeningEntries['type']>(type: T): Extract<OpeningEntries, { readonly type: T }> {
  return CASE_COMMANDS.find((entry) => entry.type === type) as Extract<OpeningEntries, { readonly type: T }>;
}
