/**
 * LSP glue for the insights log: opens it in the extension's global storage (shared by every window:
 * see InsightsLog), follows `banyan.insights.*`, and answers
 * banyan/insights/query, /clear, /export and /record. Other features record through `serverInsights`
 * (the models feature its usage, completion its suggestions and typing, chat and agent their turns).
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../core/fs/writeFileAtomic';
import { aggregateInsights, rangeBounds } from '../core/insights/aggregateInsights';
import { exportInsights } from '../core/insights/exportInsights';
import { field, parseInsightLine } from '../core/insights/insightEvent';
import { InsightsLog } from '../core/insights/insightsLog';
import { InsightsRecorder } from '../core/insights/insightsRecorder';
import type { BanyanSettings } from '../core/config/settings';
import { InsightsClearRequest, InsightsExportRequest, InsightsQueryRequest, InsightsRecordNotification } from '../protocol/lsp';
import { onNotification, onRequest } from './lspTyped';
import type { ServerFeature } from './serverContext';

/** Where completion, chat, agent and eval record their events. */
export const serverInsights = new InsightsRecorder();

/** Kinds the extension may record (the rest come from the server itself). */
const FROM_CLIENT = /^(rewrite|nextEdit|chatApply)\./;

export const insightsFeature: ServerFeature = {
  name: 'insights',
  register(ctx) {
    const dir = ctx.initOptions.globalStorageDir ? path.join(ctx.initOptions.globalStorageDir, 'insights') : undefined;
    let key = '';
    const apply = (settings: BanyanSettings) => {
      serverInsights.setCompletionModel(settings['models.completion.model']);
      const enabled = settings['insights.enabled'] && dir !== undefined;
      const next = enabled ? `${dir}|${settings['insights.maxSizeMB']}` : '';
      if (next === key) return;
      key = next;
      void serverInsights.use(enabled ? new InsightsLog({ dir: dir!, maxBytes: settings['insights.maxSizeMB'] * 1024 * 1024, logger: ctx.logger }) : undefined);
    };
    apply(ctx.settings());

    const unavailable = () => (dir === undefined ? 'This Banyan server has no storage folder, so it keeps no insights.' : 'Recording is off (banyan.insights.enabled).');
    const subscriptions = [
      ctx.onSettingsChanged(apply),
      onRequest(ctx.connection, InsightsQueryRequest, async (query) => {
        const log = serverInsights.current();
        if (!log) return { enabled: false, message: unavailable() };
        const read = await log.read();
        return {
          enabled: true,
          report: aggregateInsights(read.events, query, Date.now()),
          log: { dir: log.dir, bytes: read.bytes, files: read.files, corruptLines: read.corruptLines },
        };
      }),
      onRequest(ctx.connection, InsightsClearRequest, async () => {
        const log = serverInsights.current();
        if (!log) throw new Error(unavailable());
        await log.clear();
      }),
      onRequest(ctx.connection, InsightsExportRequest, async (p) => {
        const log = serverInsights.current();
        if (!log) throw new Error(unavailable());
        const { events } = await log.read();
        const { fromMs, toMs } = rangeBounds(p.range, Date.now(), p.timezoneOffsetMin);
        const langs = new Set(p.languages ?? []);
        const models = new Set(p.models ?? []);
        const chosen = events.filter((e) => e.t >= fromMs && e.t <= toMs
          && (!langs.size || !('lang' in e) || langs.has(field(e, 'lang')))
          && (!models.size || !('model' in e) || models.has(field(e, 'model'))));
        const text = exportInsights(chosen, p.format);
        await writeFileAtomic(p.path, text);
        return { events: chosen.length, bytes: Buffer.byteLength(text) };
      }),
      onNotification(ctx.connection, InsightsRecordNotification, (p) => {
        for (const raw of Array.isArray(p?.events) ? p.events : []) {
          // Re-parsed: only well-formed events of the kinds the editor owns reach the log.
          const e = parseInsightLine(JSON.stringify(raw));
          if (e && FROM_CLIENT.test(e.k)) serverInsights.recordRaw(e);
        }
      }),
    ];
    return {
      dispose: async () => {
        for (const s of subscriptions) s.dispose();
        await serverInsights.close();
      },
    };
  },
};
