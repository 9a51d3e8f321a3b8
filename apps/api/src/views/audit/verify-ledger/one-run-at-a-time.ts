/**
 * At most one run at a time, and at most one waiting: a call while a run is under way is answered by
 * the next run, which starts when the current one ends and is shared by every caller who arrived
 * meanwhile. Each caller's answer therefore covers everything recorded before the call.
 */
export class OneRunAtATime<T> {
  private running: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly work: () => Promise<T>) {}

  run(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<T> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<T> {
    const run = this.work().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
