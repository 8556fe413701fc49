/**
 * Coalesces frequent changes into one send: schedule() runs the flush at once when
 * the last one ran at least intervalMs ago, and otherwise once at the end of the
 * interval, however many times it was called in between.
 */
export class FlushTimer {
  private timer: NodeJS.Timeout | undefined;
  private lastRunAt = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
  ) {}

  schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRunAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRunAt = Date.now();
      this.flush();
    }, wait);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
