import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RETENTION_SCHEDULER, type ShredCaseIdentity } from '@ledger/domain';
import { actorOf, RetentionDesk } from '../retention-desk.js';
import type { PurgeResponseDto } from '../retention.response.dto.js';
import { PurgeCaseIdentityCommand } from './purge-case-identity.command.js';

@CommandHandler(PurgeCaseIdentityCommand)
export class PurgeCaseIdentityHandler implements ICommandHandler<PurgeCaseIdentityCommand, PurgeResponseDto> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute({ caseId, requester, dispositionAuthority }: PurgeCaseIdentityCommand): Promise<PurgeResponseDto> {
    const now = this.desk.now();
    const facts = await this.desk.caseFacts(caseId);
    const sharingKey = await this.desk.sharingKey(facts);
    const patronCases = await this.desk.casesOfPatronsOf(facts);
    const base = { type: 'ShredCaseIdentity' as const, occurredAt: now, recordedAt: now, case: facts, sharingKey, patronCases, fingerprints: this.desk.fingerprints([facts.keyId]), ...(dispositionAuthority !== undefined && { dispositionAuthority }) };
    const command: ShredCaseIdentity =
      requester.basis === 'by_hand'
        ? { ...base, basis: 'by_hand', actor: actorOf(requester.user), reason: requester.reason }
        : { ...base, basis: 'schedule', by: RETENTION_SCHEDULER };
    const actor = requester.basis === 'by_hand' ? actorOf(requester.user) : { userId: RETENTION_SCHEDULER, role: 'system' };
    const result = await this.desk.execute(command, actor);
    const shred = result.events.find((event) => event.type === 'PatronIdentityShredded');
    if (shred?.type !== 'PatronIdentityShredded') throw new Error('ShredCaseIdentity recorded no PatronIdentityShredded');
    const { caseIds, keyId, keyFingerprint, scheduleRule, dueDate, occurredAt } = shred.data;
    return { caseId, caseIds: [...caseIds], keyId, keyFingerprint, scheduleRule, dueDate, dispositionAuthority: shred.data.dispositionAuthority ?? null, shreddedAt: occurredAt, revision: result.revision.toString(), position: result.position.toString() };
  }
}
