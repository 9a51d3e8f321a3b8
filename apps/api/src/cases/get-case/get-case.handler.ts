import { ForbiddenException, Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { whatMayBeShown, showsContent, caseStateFrom, isCaseEvent, NotFound, sealedRefusal, type CaseEvent, assertCaseIdShape, caseStream } from '@ledger/domain';
import { EVENT_STORE, type EventStore, type ProtectedFields, decodeRecorded } from '@ledger/ledger';
import { ActorResolver } from '../../auth/designee-roster.js';
import { IDENTITY_DIRECTORY, LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { type IdentityDirectory, identityShredOfCase } from '@ledger/projections';
import { buildCaseView, type CaseView, type RecordedCaseEvent } from './case-view.js';
import { GetCaseQuery } from './get-case.query.js';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    private readonly actors: ActorResolver,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caseId, reader }: GetCaseQuery): Promise<CaseView> {
    assertCaseIdShape(caseId);
    // Straight from the case stream, not a view: the answer is current the moment a command returns.
    const recorded: RecordedCaseEvent[] = (await this.store.readStream(caseStream(caseId)))
      .map((recorded) => {
        const { event, metadata } = decodeRecorded<CaseEvent>(recorded);
        return { event, metadata, revision: recorded.revision };
      })
      .filter(({ event }) => isCaseEvent(event));
    const state = caseStateFrom(recorded.map(({ event }) => event));
    if (!state.exists) throw new NotFound('No such case');

    const access = whatMayBeShown(await this.actors.actorNow(reader), state);
    if (access === 'sealed') throw sealedRefusal();
    if (!showsContent(access)) {
      throw new ForbiddenException('Only the opener, the director, an active designee, the referred counsel and auditors may read this case');
    }
    const reveal = access === 'full' ? (blindIndex: string, encryptedRef: string) => this.protectedFields.reveal(blindIndex, encryptedRef) : null;
    const view = buildCaseView(state, recorded, access, reveal, (userId) => this.directory.findUser(userId)?.name);
    // A purged identity still reads as a case: who was shredded (pseudonym), when, under which rule.
    const shred = identityShredOfCase(this.views.db, caseId);
    if (!shred) return view;
    const { shreddedAt, scheduleRule, basis, dueDate, keyFingerprint, dispositionAuthority } = shred;
    const authority = dispositionAuthority ? `, disposition authority ${dispositionAuthority}` : '';
    const statement = `Patron identity shredded on ${shreddedAt.slice(0, 10)} under rule ${scheduleRule} (${basis.replace(/_/g, ' ')}${authority})`;
    // What else could name the patron (their own name as requester, identification details) goes with the identity.
    const requester = view.requester.kind === 'patron' ? { ...view.requester, name: null } : view.requester;
    const identification = view.identification.map(({ kind }) => ({ kind }));
    return { ...view, requester, identification, identityShredded: { shreddedAt, scheduleRule, basis, dueDate, keyFingerprint, dispositionAuthority, statement } };
  }
}
