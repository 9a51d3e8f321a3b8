import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecordAccessedData } from '@ledger/domain';
import { accessStream, policyStampOf, type PolicyStamp } from '@ledger/domain';
import type { LedgerConfig, LedgerWriter } from '@ledger/ledger';
import { LEDGER_CONFIG, LEDGER_WRITER } from './tokens.js';

interface Pending {
  readonly entry: RecordAccessedData;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends `RecordAccessed` events. Reads that arrive together share one append per day stream (and
 * the store's group commit shares the fsync), so logging costs a read little; and a read is answered
 * only once its access record is durable, so the log never misses a read that was served.
 */
@Injectable()
export class AccessRecorder {
  private readonly logger = new Logger('AccessLog');
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  private readonly stamp: PolicyStamp;

  constructor(@Inject(LEDGER_WRITER) private readonly writer: LedgerWriter, @Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.stamp = policyStampOf(config.jurisdiction);
  }

  record(entry: RecordAccessedData): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = new Promise((done) => setImmediate(done)).then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const byStream = new Map<string, Pending[]>();
      for (const pending of batch) {
        const stream = accessStream(pending.entry.occurredAt);
        byStream.set(stream, [...(byStream.get(stream) ?? []), pending]);
      }
      await Promise.all(
        [...byStream].map(async ([stream, pendings]) => {
          try {
            await this.writer.appendToEnd(
              stream,
              pendings.map(({ entry }) => ({
                type: 'RecordAccessed',
                data: entry,
                metadata: { actor: { userId: entry.userId, role: entry.role }, occurredAt: entry.occurredAt, recordedAt: entry.occurredAt, ...this.stamp },
              })),
            );
            for (const pending of pendings) pending.resolve();
          } catch (error) {
            this.logger.error(`Could not record ${pendings.length} access record(s): ${error instanceof Error ? error.message : String(error)}`);
            for (const pending of pendings) pending.reject(error);
          }
        }),
      );
    }
    this.flushing = null;
  }

  /** Waits for every queued record to be written (the store closes after this). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
