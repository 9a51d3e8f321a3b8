import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RETENTION_SCHEDULER } from '@ledger/domain';
import { RetentionDesk } from '../retention-desk.js';
import type { PurgeResponseDto } from '../retention.response.dto.js';
import { PurgeCaseIdentityCommand } from './purge-case-identity.command.js';

@CommandHandler(PurgeCaseIdentityCommand)
export class PurgeCaseIdentityHandler implements ICommandHandler<PurgeCaseIdentityCommand, PurgeResponseDto> {
  constructor(private readonly desk: RetentionDesk) {}

  async execute({ caseId, requester, dispositionAuthority }: PurgeCaseIdentityCommand): Promise<PurgeResponseDto> {
    const facts = await this.desk.caseFacts(caseId);
    const sharingKey = await this.desk.sharingKey(facts);
    const patronCases = await this.desk.casesOfPatronsOf(facts);
    const shred = { type: 'ShredCaseIdentity' as const, case: facts, sharingKey, patronCases, fingerprints: this.desk.fingerprints([facts.keyId]), ...(dispositionAuthority !== undefined && { dispositionAuthority }) };
    const result =
      requester.basis === 'by_hand'
        ? await this.desk.execute(requester.user, (base) => ({ ...shred, ...base, basis: 'by_hand', reason: requester.reason }))
        : await this.desk.executeAsScheduler((instants) => ({ ...shred, ...instants, basis: 'schedule', by: RETENTION_SCHEDULER }));
    const shredded = result.events.find((event) => event.type === 'PatronIdentityShredded');
    if (shredded?.type !== 'PatronIdentityShredded') throw new Error('ShredCaseIdentity recorded no PatronIdentityShredded');
    const { caseIds, keyId, keyFingerprint, scheduleRule, dueDate, occurredAt } = shredded.data;
    return { caseId, caseIds: [...caseIds], keyId, keyFingerprint, scheduleRule, dueDate, dispositionAuthority: shredded.data.dispositionAuthority ?? null, shreddedAt: occurredAt, revision: result.revision.toString(), position: result.position.toString() };
  }
}
