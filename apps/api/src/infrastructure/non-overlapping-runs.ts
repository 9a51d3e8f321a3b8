/**
 * A scheduler's job, run on a timer and on demand, never two at once: a caller during a run gets that
 * run. Once stopped (Nest's first shutdown hook, `onModuleDestroy`) no run starts, and the one in flight
 * can still be waited for (`beforeApplicationShutdown`, before the store and the views close). The job
 * logs its own failures: the timer only keeps them from becoming unhandled rejections.
 */
export class NonOverlappingRuns<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;
  private stopped = false;

  constructor(private readonly job: () => Promise<T>) {}

  /** Runs the job every `intervalMs`; the timer holds no process open. */
  every(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce()?.catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** The run in flight, or a new one; null once stopped with none in flight. */
  runOnce(): Promise<T> | null {
    if (!this.running && this.stopped) return null;
    this.running ??= this.job().finally(() => (this.running = null));
    return this.running;
  }

  /** No run starts from now on. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get inFlight(): boolean {
    return this.running !== null;
  }

  /** Resolves when the run in flight (if any) has ended, whether it succeeded or not. */
  async finished(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
