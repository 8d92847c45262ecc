import type { InsightEvent } from '../../protocol/lsp';
import { InsightsRecordNotification } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { sendNotification } from '../typedClient';

/** Hands an event only the editor sees (a rewrite accepted or rejected) to the server's insights log. */
export function recordInsight(ctx: BanyanContext, k: string, fields: Record<string, string | number | boolean> = {}): void {
  const client = ctx.server.client();
  if (!client) return; // no server: nothing is recorded, nothing waits
  const event: InsightEvent = { v: 1, t: Date.now(), k, ...fields };
  void sendNotification(client, InsightsRecordNotification, { events: [event] }).catch(() => undefined);
}
