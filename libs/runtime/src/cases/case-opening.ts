import { initialPatronState, type RequestSubject } from '@ledger/domain';
import { type CaseCommandBase, type Category, type Channel, type RecordWellnessCheck, type Identification, type ProtectedPatronWords, type Requester, type RequestEvaluation, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import { type CommandPipeline, inCommandSpan, inStepSpan, type NewCase, type ProtectedFields, repeatableEntityId } from '@ledger/ledger';
import { PatronDirectory } from '../patrons/patron-directory.js';
import { type CaseCommandResult, type CaseCommandRunner, type CommandUser, caseCommandResult } from './case-command-runner.js';

export interface OpenCaseRequest {
  readonly requester: Requester;
  readonly channel: Channel;
  /** The clear reference: protected before anything is stored, never logged. Exactly one of `patron` and `subject` (the domain refuses otherwise). */
  readonly patron?: { readonly ref: string; readonly isMinor?: boolean };
  readonly subject?: RequestSubject;
  readonly requestedCategories: readonly Category[];
  readonly identification: readonly Identification[];
  readonly purpose?: string;
  readonly occurredAt?: string;
  readonly user: CommandUser;
}

export interface OpenedCase extends CaseCommandResult {
  readonly evaluation: RequestEvaluation;
}

/** A wellness check as the domain takes it, but with the clear patron reference (protected before anything is stored). */
export interface WellnessCheckRequest extends Omit<RecordWellnessCheck, keyof CaseCommandBase | 'type' | 'patron'> {
  readonly patron: { readonly ref: string };
  readonly occurredAt?: string;
  readonly user: CommandUser;
}

/**
 * Opening a case: the patron reference is protected (encrypted, blind-indexed), the patron's own
 * stream gives their standing, and the case command runner decides and appends. The HTTP handler
 * and the benchmark both open cases through this one service.
 */
export class CaseOpening {
  constructor(
    private readonly cases: CaseCommandRunner,
    private readonly pipeline: CommandPipeline,
    private readonly protectedFields: ProtectedFields,
  ) {}

  private readonly patrons = new PatronDirectory(this.pipeline);

  open(request: OpenCaseRequest): Promise<OpenedCase> {
    return inCommandSpan('OpenCase', 'case', () => this.openInSpan(request));
  }

  private async openInSpan(request: OpenCaseRequest): Promise<OpenedCase> {
    const { newCase, patron, protectedWords } = await inStepSpan('protect', async () => {
      // Under an Idempotency-Key the case's id comes from the request, so a resend after an append of
      // unknown outcome finds the case the first sending may have opened instead of opening a second.
      const newCase = await this.protectedFields.newCase(repeatableEntityId());
      // The reference is encrypted (under this case's own key, so it can be shredded on the case's schedule)
      // and blind-indexed here; from now on only those travel. A request about a resource names no patron.
      const patron = request.patron && { ...newCase.protect(request.patron.ref), ...(request.patron.isMinor !== undefined && { isMinor: request.patron.isMinor }) };
      // A patron asking about their own records names themselves: their name and identification details go under the same key.
      const protectedWords = request.requester.kind === 'patron' && patron ? protectWords(newCase, request, patron) : undefined;
      return { newCase, patron, protectedWords };
    });
    const { caseId } = newCase;
    const result = await this.cases.run({
      caseId,
      user: request.user,
      occurredAt: request.occurredAt,
      opens: true,
      command: (base) => ({
        type: 'OpenCase',
        ...base,
        requester: request.requester,
        channel: request.channel,
        ...(patron && { patron }),
        ...(request.subject && { subject: request.subject }),
        requestedCategories: request.requestedCategories,
        identification: request.identification,
        ...(request.purpose !== undefined && { purpose: request.purpose }),
        ...(protectedWords && { protectedWords }),
      }),
      // Lost card? Written consents? The patron's streams say: the card of this identifier, consents under any.
      context: async () => ({
        // (A request about a resource or a transaction names no patron: no standing to weigh.)
        patron: patron === undefined ? initialPatronState : await this.patrons.standing(patron.blindIndex),
        // A vendor is answered only if it is on the Director's approved list.
        ...(request.requester.kind === 'vendor' && { vendors: (await this.pipeline.load(VENDORS_STREAM, vendorDecider)).state }),
      }),
    });
    const opened = result.events.find((event) => event.type === 'DisclosureRequested');
    if (opened?.type !== 'DisclosureRequested') throw new Error('OpenCase recorded no DisclosureRequested');
    return { ...caseCommandResult(caseId, result), evaluation: opened.data.evaluation };
  }

  /**
   * Staff call an agency for a welfare check: through the same runner (actor resolution, instants and
   * back-dating limit as opening a case), the case is opened and closed in one append: request,
   * disclosure, closure.
   */
  recordWellnessCheck(request: WellnessCheckRequest): Promise<Omit<CaseCommandResult, 'outcome'>> {
    return inCommandSpan('RecordWellnessCheck', 'case', () => this.recordWellnessCheckInSpan(request));
  }

  private async recordWellnessCheckInSpan(request: WellnessCheckRequest): Promise<Omit<CaseCommandResult, 'outcome'>> {
    const { newCase, patron } = await inStepSpan('protect', async () => {
      const newCase = await this.protectedFields.newCase(repeatableEntityId());
      return { newCase, patron: newCase.protect(request.patron.ref) };
    });
    const { caseId } = newCase;
    const { user, occurredAt, patron: _clear, ...fields } = request;
    const result = await this.cases.run({
      caseId,
      user,
      occurredAt,
      opens: true,
      command: (base) => ({ type: 'RecordWellnessCheck', ...base, patron, ...fields }),
    });
    // The answer is the case as recorded, closed; its outcome is read from the case.
    const { outcome: _outcome, ...answer } = caseCommandResult(caseId, result);
    return answer;
  }
}

function protectWords(newCase: NewCase, request: OpenCaseRequest, patron: { blindIndex: string }): ProtectedPatronWords {
  return {
    requesterName: newCase.protectWords(request.requester.name, patron),
    identificationDetails: request.identification.map((identification) => (identification.detail === undefined ? null : newCase.protectWords(identification.detail, patron))),
  };
}
