export type RateResource = 'core' | 'search';

export interface RateWindow {
  limit: number;
  used: number;
  /** Epoch seconds. Real time, because clients compare it with their own clock. */
  reset: number;
}

const DEFAULTS: Record<RateResource, { limit: number; windowSeconds: number }> = {
  core: { limit: 5000, windowSeconds: 3600 },
  search: { limit: 30, windowSeconds: 60 },
};

/** Per-user, per-resource request budgets with GitHub's headers. */
export class RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  window(login: string, resource: RateResource): RateWindow {
    const key = `${login.toLowerCase()}\0${resource}`;
    const nowSeconds = Math.floor(Date.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.reset <= nowSeconds) {
      window = { limit: DEFAULTS[resource].limit, used: 0, reset: nowSeconds + DEFAULTS[resource].windowSeconds };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Counts a request; false when the budget is already spent. */
  consume(login: string, resource: RateResource): boolean {
    const window = this.window(login, resource);
    if (window.used >= window.limit) return false;
    window.used += 1;
    return true;
  }

  /** Lets a test exhaust or shrink a budget, e.g. `set('bot', 'core', { remaining: 0 })`. */
  set(login: string, resource: RateResource, options: { limit?: number; remaining?: number; resetInSeconds?: number }): void {
    const window = this.window(login, resource);
    if (options.limit !== undefined) window.limit = options.limit;
    if (options.remaining !== undefined) window.used = Math.max(0, window.limit - options.remaining);
    if (options.resetInSeconds !== undefined) window.reset = Math.floor(Date.now() / 1000) + options.resetInSeconds;
  }

  headers(login: string, resource: RateResource): Record<string, string> {
    const window = this.window(login, resource);
    return {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(Math.max(0, window.limit - window.used)),
      'x-ratelimit-reset': String(window.reset),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-resource': resource,
    };
  }
}
