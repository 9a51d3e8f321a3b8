import { Inject, Injectable } from '@nestjs/common';
import { type IncidentCommand, incidentDecider, NotFound } from '@ledger/domain';
import { incidentKeyId, type LedgerConfig, type ProtectedFields } from '@ledger/ledger';
import { StreamCommandRunner } from '@ledger/runtime';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { LEDGER_CONFIG, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';

export function incidentStream(incidentId: string): string {
  return `incident-${incidentId}`;
}

const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

type CommandBase = { actor: IncidentCommand['actor']; occurredAt: string; recordedAt: string };

/** Runs a command on an incident already recorded: the notices, delays and patrons found later. */
@Injectable()
export class IncidentFollowUpRecorder {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LEDGER_CONFIG) private readonly config: Pick<LedgerConfig, 'maxBackdateDays'>,
  ) {}

  get maxBackdateDays(): number {
    return this.config.maxBackdateDays;
  }

  async record(incidentId: string, user: AuthenticatedUser, command: (base: CommandBase) => IncidentCommand): Promise<{ revision: string; position: string }> {
    if (!INCIDENT_ID.test(incidentId)) throw new NotFound('No such incident');
    const result = await this.runner.run({
      stream: incidentStream(incidentId),
      decider: incidentDecider,
      expect: 'existing',
      notFoundMessage: `No incident ${incidentId}`,
      user,
      command,
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }

  /** The blind index of a patron named in a notice (never their reference). */
  identify(patronRef: string): { blindIndex: string; pseudonym: string } {
    return this.protectedFields.identify(patronRef);
  }

  /** An affected patron as an incident stores them: their reference under a key of this incident's own, shreddable apart from their cases. */
  async protectAffected(incidentId: string, patronRefs: readonly string[]) {
    return Promise.all(
      patronRefs.map(async (ref) => {
        const { blindIndex } = this.protectedFields.identify(ref);
        return this.protectedFields.protect(ref, incidentKeyId(incidentId, blindIndex));
      }),
    );
  }
}
