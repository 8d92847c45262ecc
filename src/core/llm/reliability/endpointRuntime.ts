/**
 * The live state Banyan keeps per endpoint (base URL + model): its circuit breaker and its
 * concurrency limit. Survives settings changes when the endpoint stays the same, so a
 * reconfiguration does not forget that a server is down.
 */
import { CircuitBreaker } from './circuitBreaker';
import type { Clock } from './clock';
import { ConcurrencyLimiter } from './concurrencyLimiter';

export interface EndpointRuntime {
  readonly key: string;
  readonly breaker: CircuitBreaker;
  readonly limiter: ConcurrencyLimiter;
}

export class EndpointRuntimes {
  private readonly map = new Map<string, EndpointRuntime>();

  constructor(private readonly clock: Clock) {}

  get(key: string, opts: { failureThreshold: number; cooldownMs: number; maxConcurrent: number }, onNew: (rt: EndpointRuntime) => void): EndpointRuntime {
    let rt = this.map.get(key);
    if (!rt) {
      rt = { key, breaker: new CircuitBreaker({ failureThreshold: opts.failureThreshold, cooldownMs: opts.cooldownMs }, this.clock), limiter: new ConcurrencyLimiter(opts.maxConcurrent) };
      this.map.set(key, rt);
      onNew(rt);
    } else {
      rt.limiter.setLimit(opts.maxConcurrent);
      rt.breaker.setOptions({ failureThreshold: opts.failureThreshold, cooldownMs: opts.cooldownMs });
    }
    return rt;
  }

  all(): EndpointRuntime[] {
    return [...this.map.values()];
  }

  /** Forgets endpoints no longer configured. */
  retain(keys: ReadonlySet<string>): void {
    for (const k of [...this.map.keys()]) if (!keys.has(k)) this.map.delete(k);
  }
}
