import { randomUUID } from 'node:crypto';
import { type Category, type Channel, type Identification, type ProtectedPatronWords, type Requester, type RequestEvaluation, patronDecider, patronStream, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import { caseKeyId, type CommandPipeline, type ProtectedFields } from '@ledger/ledger';
import { type CaseCommandResult, type CaseCommandRunner, type CommandUser, caseCommandResult } from './case-command-runner.js';

export interface OpenCaseRequest {
  readonly requester: Requester;
  readonly channel: Channel;
  /** The clear reference: protected before anything is stored, never logged. */
  readonly patron: { readonly ref: string; readonly isMinor?: boolean };
  readonly requestedCategories: readonly Category[];
  readonly identification: readonly Identification[];
  readonly purpose?: string;
  readonly occurredAt?: string;
  readonly user: CommandUser;
}

export interface OpenedCase extends CaseCommandResult {
  readonly evaluation: RequestEvaluation;
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

  async open(request: OpenCaseRequest): Promise<OpenedCase> {
    const caseId = randomUUID();
    // The reference is encrypted (under this case's own key, so it can be shredded on the case's schedule)
    // and blind-indexed here; from now on only those travel.
    const { blindIndex, pseudonym, encryptedRef } = await this.protectedFields.protect(request.patron.ref, caseKeyId(caseId));
    // A patron asking about their own records names themselves: their name and identification details go under the same key.
    const protectedWords = request.requester.kind === 'patron' ? await this.protectWords(request, { blindIndex, encryptedRef }) : undefined;
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
        patron: { blindIndex, pseudonym, encryptedRef, ...(request.patron.isMinor !== undefined && { isMinor: request.patron.isMinor }) },
        requestedCategories: request.requestedCategories,
        identification: request.identification,
        ...(request.purpose !== undefined && { purpose: request.purpose }),
        ...(protectedWords && { protectedWords }),
      }),
      // Lost card? Written consents? The patron's own stream says.
      context: async () => ({
        patron: (await this.pipeline.load(patronStream(blindIndex), patronDecider)).state,
        // A vendor is answered only if it is on the Director's approved list.
        ...(request.requester.kind === 'vendor' && { vendors: (await this.pipeline.load(VENDORS_STREAM, vendorDecider)).state }),
      }),
    });
    const opened = result.events.find((event) => event.type === 'DisclosureRequested');
    if (opened?.type !== 'DisclosureRequested') throw new Error('OpenCase recorded no DisclosureRequested');
    return { ...caseCommandResult(caseId, result), evaluation: opened.data.evaluation };
  }

  private async protectWords(request: OpenCaseRequest, patron: { blindIndex: string; encryptedRef: string }): Promise<ProtectedPatronWords> {
    return {
      requesterName: await this.protectedFields.protectWords(request.requester.name, patron),
      identificationDetails: await Promise.all(
        request.identification.map((identification) => (identification.detail === undefined ? null : this.protectedFields.protectWords(identification.detail, patron))),
      ),
    };
  }
}
