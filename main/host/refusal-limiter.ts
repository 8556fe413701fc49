/**
 * Counts requests refused for a wrong or missing token in fixed windows. Past the
 * limit, further refusals are answered 429 and no longer logged one by one, so a
 * page that guesses tokens can neither flood the log nor try fast. A request with
 * the right token is never limited, so such a page cannot lock the agent out.
 */

export interface RefusalLimiterOptions {
  /** Refusals per window that are answered 403 and logged one by one. */
  maxPerWindow: number;
  windowMs: number;
  now?: () => number;
}

export interface Refusal {
  /** True once the window's limit is passed: answer 429. */
  limited: boolean;
  /** Seconds until the window ends, for the Retry-After header. */
  retryAfterSeconds: number;
  /** Whether to log this refusal: each one up to the limit, then only the first limited one. */
  log: boolean;
  /** Refusals left unlogged in the previous window, to log once as a count; 0 when none. */
  suppressedBefore: number;
}

export class RefusalLimiter {
  private windowStart = -Infinity;
  private count = 0;
  private readonly now: () => number;

  constructor(private readonly options: RefusalLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  refuse(): Refusal {
    const now = this.now();
    let suppressedBefore = 0;
    if (now - this.windowStart >= this.options.windowMs) {
      suppressedBefore = Math.max(0, this.count - this.options.maxPerWindow - 1);
      this.windowStart = now;
      this.count = 0;
    }

    this.count += 1;
    const limited = this.count > this.options.maxPerWindow;
    return {
      limited,
      retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.options.windowMs - now) / 1000)),
      log: this.count <= this.options.maxPerWindow + 1,
      suppressedBefore,
    };
  }
}
