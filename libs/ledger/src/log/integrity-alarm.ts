/**
 * Raised when the events contradict the log or a checkpoint it signed: from then on nothing is
 * written (a write would be signed into a history that someone has rewritten) and nothing more is
 * signed, until someone who can look at the data dir has found out what happened and restarted.
 */
export interface RaisedAlarm {
  readonly reason: string;
  readonly raisedAt: string;
}

/** A write refused because the integrity alarm is raised: 503, rule LEDGER-INTEGRITY. */
export class LedgerIntegrityError extends Error {
  override readonly name = 'LedgerIntegrityError';
  constructor(readonly alarm: RaisedAlarm) {
    super(`The ledger refuses writes: ${alarm.reason}`);
  }
}

/** What the writer asks before every append. */
export interface WriteGate {
  assertWritable(): void;
}

export class IntegrityAlarm implements WriteGate {
  private first: RaisedAlarm | null = null;
  private readonly listeners = new Set<(alarm: RaisedAlarm) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  get raised(): RaisedAlarm | null {
    return this.first;
  }

  /** Keeps the first reason (later ones are consequences of it) and tells the listeners once. */
  raise(reason: string): void {
    if (this.first) return;
    this.first = { reason, raisedAt: this.now().toISOString() };
    for (const listener of this.listeners) listener(this.first);
  }

  onRaise(listener: (alarm: RaisedAlarm) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  assertWritable(): void {
    if (this.first) throw new LedgerIntegrityError(this.first);
  }
}
