/**
 * Counts requests rejected for a wrong or missing token in fixed windows. Past
 * the limit, further rejections get status 429 and are no longer logged one by
 * one, so a page that guesses tokens can neither flood the log nor try fast. A
 * request with the right token is never limited, so such a page cannot lock the
 * agent out.
 */

export interface TokenRejectionLimiterOptions {
  /** Rejections per window that get status 403 and are logged one by one. */
  maxPerWindow: number;
  windowMs: number;
  now?: () => number;
}

export interface Rejection {
  /** True once the window's limit is passed, so the response status is 429. */
  limited: boolean;
  /** Seconds until the window ends, for the Retry-After header. */
  retryAfterSeconds: number;
  /** Whether to log this rejection: each one up to the limit, then only the first limited one. */
  log: boolean;
  /** Rejections left unlogged in the previous window, to log once as a count; 0 when none. */
  suppressedBefore: number;
}

export class TokenRejectionLimiter {
  private windowStart = -Infinity;
  private count = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenRejectionLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Records one rejected request and returns how to respond to it and whether to log it. */
  reject(): Rejection {
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
