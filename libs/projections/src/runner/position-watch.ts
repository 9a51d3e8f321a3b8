interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
}

/** Promises that resolve once a position is reached (or false at their timeout, or when released). */
export class PositionWatch {
  private readonly waiters = new Set<Waiter>();

  constructor(private reached: bigint | null) {}

  get position(): bigint | null {
    return this.reached;
  }

  advance(position: bigint): void {
    if (this.reached !== null && position <= this.reached) return;
    this.reached = position;
    for (const waiter of this.waiters) if (position >= waiter.position) waiter.resolve(true);
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached !== null && this.reached >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const waiter: Waiter = { position, resolve: (reached) => finish(reached) };
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(reached);
      };
      this.waiters.add(waiter);
    });
  }

  /** Back to nothing reached (the views were dropped); pending waits keep waiting. */
  reset(): void {
    this.reached = null;
  }

  /** Every pending wait answers false (the views are closing). */
  releaseAll(): void {
    for (const waiter of this.waiters) waiter.resolve(false);
  }
}
