import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DomainError, idempotencyDecider, idempotencyStream, type IdempotencyState } from '@ledger/domain';
import { canonicalJson } from '../integrity/canonical-json.js';
import type { CommandActor, CommandPipeline } from './command-pipeline.js';
import { withoutNotingAppends } from './appended-events.js';
import { runOutsideRepeatableRequest } from './command-scope.js';

/** A write request that carries an `Idempotency-Key`. */
export interface IdempotentRequest {
  readonly actor: CommandActor;
  /** The client's key, as sent: never stored, never logged. */
  readonly key: string;
  readonly method: string;
  /** The path as routed (query included): the same body to another case is another request. */
  readonly path: string;
  readonly body: unknown;
}

/** The answer the first request got, replayed byte for byte. */
export interface IdempotentAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The claim a request holds on its key while it runs. */
export interface IdempotencyClaim {
  readonly stream: string;
  readonly requestHash: string;
  readonly actor: CommandActor;
  readonly sealingKey: Buffer;
  /**
   * Written into the events the request's commands append (`runAsRepeatableRequest`): the same
   * request under the same key finds them after an append of unknown outcome. Reveals neither.
   */
  readonly commandId: string;
  /**
   * What the request makes secret (a token) is derived from this, so a resend hands out the secret the
   * first sending recorded the hash of. Derived from the library's key and the request; never stored.
   */
  readonly secretSeed: Buffer;
}

export type IdempotencyOutcome = { readonly kind: 'claimed'; readonly claim: IdempotencyClaim } | { readonly kind: 'replay'; readonly answer: IdempotentAnswer };

/**
 * `Idempotency-Key` on commands, kept in the event store itself (one stream per key), so every instance on
 * one store shares it and the store's optimistic concurrency decides which of two concurrent requests with
 * one key runs. Nothing in the store can be read back to the key or the request: the stream is named by an
 * HMAC of principal and key, the request is an HMAC of its method, path and canonical body, and the answer
 * (it may hold a new token) is sealed with AES-256-GCM under a key derived from the client's own key.
 * The secret is the library's shared blind-index key, so every instance derives the same names.
 */
export class IdempotencyKeys {
  private readonly macKey: Buffer;

  constructor(
    private readonly pipeline: CommandPipeline,
    secret: Buffer,
  ) {
    this.macKey = createHmac('sha256', secret).update('disclosure-ledger idempotency v1').digest();
  }

  /** Claims the key for this request, or gives the first answer back; throws 422/409 domain errors otherwise. */
  async begin(request: IdempotentRequest, now: string): Promise<IdempotencyOutcome> {
    const principalKey = `${request.actor.userId}\u0000${request.key}`;
    const stream = idempotencyStream(this.mac('stream', principalKey));
    const requestHash = this.mac('request', `${request.actor.userId}\u0000${request.method}\u0000${request.path}\u0000${canonicalJson(request.body ?? null)}`);
    const sealingKey = createHmac('sha256', this.macKey).update(`seal\u0000${principalKey}`).digest();
    const replay = (state: IdempotencyState): IdempotencyOutcome | null =>
      state.phase === 'answered' && state.requestHash === requestHash ? { kind: 'replay', answer: unseal(state.sealedAnswer, sealingKey) } : null;

    const known = replay((await this.pipeline.load(stream, idempotencyDecider)).state);
    if (known) return known;
    try {
      // The claim is the key's bookkeeping, not the request's write: a receipt (`Prefer: receipt`) leaves it out.
      await withoutNotingAppends(() => this.pipeline.execute({
        stream,
        decider: idempotencyDecider,
        command: { type: 'ClaimIdempotencyKey', requestHash, occurredAt: now },
        meta: { actor: request.actor, recordedAt: now },
      }));
    } catch (error) {
      // Answered by a concurrent request between the read and the claim: that answer is this one's too.
      const answered = error instanceof DomainError ? replay((await this.pipeline.load(stream, idempotencyDecider)).state) : null;
      if (answered) return answered;
      throw error;
    }
    const commandId = this.mac('command', `${stream}\u0000${requestHash}`).slice(0, 32);
    const secretSeed = createHmac('sha256', this.macKey).update(`secret\u0000${stream}\u0000${requestHash}`).digest();
    return { kind: 'claimed', claim: { stream, requestHash, actor: request.actor, sealingKey, commandId, secretSeed } };
  }

  /** Records the answer, so a retry gets it instead of running the command again. */
  async finish(claim: IdempotencyClaim, answer: IdempotentAnswer, now: string): Promise<void> {
    await withoutNotingAppends(() => runOutsideRepeatableRequest(() => this.pipeline.execute({
      stream: claim.stream,
      decider: idempotencyDecider,
      expect: 'existing',
      command: { type: 'RecordIdempotentAnswer', requestHash: claim.requestHash, status: answer.status, sealedAnswer: seal(answer, claim.sealingKey), occurredAt: now },
      meta: { actor: claim.actor, recordedAt: now },
    })));
  }

  /** The request failed on the server's side (5xx): nothing to replay, the key may be used again. */
  async abandon(claim: IdempotencyClaim, now: string): Promise<void> {
    await runOutsideRepeatableRequest(() => this.pipeline.execute({
      stream: claim.stream,
      decider: idempotencyDecider,
      expect: 'existing',
      command: { type: 'ReleaseIdempotencyKey', requestHash: claim.requestHash, occurredAt: now },
      meta: { actor: claim.actor, recordedAt: now },
    }));
  }

  private mac(purpose: string, text: string): string {
    return createHmac('sha256', this.macKey).update(`${purpose}\u0000${text}`).digest('hex');
  }
}

function seal(answer: IdempotentAnswer, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function unseal(text: string, key: Buffer): IdempotentAnswer {
  const bytes = Buffer.from(text, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as IdempotentAnswer;
}
