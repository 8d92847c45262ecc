import { resolveSettings } from '@src/core/config/settings';
import type { Logger } from '@src/core/logging/logger';
import { resolveModelConfig, type ModelLayerConfig } from '@src/core/llm/config/roleConfig';
import { ModelHub } from '@src/core/llm/modelClient';
import type { Clock } from '@src/core/llm/reliability/clock';
import type { StreamEvent } from '@src/core/llm/types';

/** Settings as flat dotted keys (without the `banyan.` prefix) → the layer's config. */
export function configFrom(settings: Record<string, unknown>, secrets: Record<string, string> = {}): ModelLayerConfig {
  const { settings: s, invalid } = resolveSettings(settings);
  if (invalid.length) throw new Error(`invalid test settings: ${invalid.join(', ')}`);
  return resolveModelConfig(s, (id) => secrets[id]);
}

/** Real time for timings, but sleeps (backoff, Retry-After) return at once and are recorded; `advance` moves time. */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  error(m: string, cause?: unknown) {
    this.lines.push(`error ${m}${cause ? ` ${String(cause)}` : ''}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  debug(m: string) {
    this.lines.push(`debug ${m}`);
  }
}

export function makeHub(settings: Record<string, unknown>, secrets: Record<string, string> = {}) {
  const clock = new TestClock();
  const logger = new CapturingLogger();
  const hub = new ModelHub({ clock, logger, random: () => 0.5 });
  hub.configure(configFrom(settings, secrets), { strictSSL: true, noProxy: [], ca: [] });
  return { hub, clock, logger };
}

/** Role settings pointing one role at a base URL. */
export function role(r: string, baseUrl: string, model: string, provider = 'openai-compatible', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { [`models.${r}.baseUrl`]: baseUrl, [`models.${r}.model`]: model, [`models.${r}.provider`]: provider };
  for (const [k, v] of Object.entries(extra)) out[`models.${r}.${k}`] = v;
  return out;
}

export async function collect(stream: AsyncIterable<StreamEvent>): Promise<{ text: string; events: StreamEvent[]; done: Extract<StreamEvent, { type: 'done' }> }> {
  const events: StreamEvent[] = [];
  for await (const ev of stream) events.push(ev);
  const done = events.find((e): e is Extract<StreamEvent, { type: 'done' }> => e.type === 'done');
  if (!done) throw new Error('stream ended without done');
  return { text: events.map((e) => (e.type === 'text' ? e.text : '')).join(''), events, done };
}

export async function failure(p: Promise<unknown> | AsyncIterable<StreamEvent>): Promise<import('@src/core/llm/errors').ModelError> {
  try {
    if (Symbol.asyncIterator in (p as object)) for await (const _ of p as AsyncIterable<StreamEvent>) void _;
    else await p;
  } catch (err) {
    return err as import('@src/core/llm/errors').ModelError;
  }
  throw new Error('expected a failure');
}
