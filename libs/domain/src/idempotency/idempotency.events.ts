/**
 * A client's `Idempotency-Key`, remembered on a stream of its own. The stream is named by a keyed hash of
 * the key and the principal, never by the key (a client may put anything in it); `requestHash` is a keyed
 * hash of the request; the answer is stored encrypted under a key only the client's own key unlocks.
 */
export type IdempotencyEvent =
  | { readonly type: 'IdempotencyKeyClaimed'; readonly data: { readonly requestHash: string; readonly claimedAt: string } }
  | {
      readonly type: 'IdempotentAnswerRecorded';
      readonly data: { readonly requestHash: string; readonly status: number; readonly sealedAnswer: string; readonly recordedAt: string };
    }
  /** The first request ended without an answer worth replaying (a server error): the key may be used again. */
  | { readonly type: 'IdempotencyKeyReleased'; readonly data: { readonly requestHash: string; readonly releasedAt: string } };
