/** The connection report as text, for the CLI and the Markdown document the extension opens. */
import type { ModelTestReport } from '../types';

export function formatReport(reports: readonly ModelTestReport[], markdown = false): string {
  const lines: string[] = [];
  const ok = reports.every((r) => r.ok);
  lines.push(markdown ? `# Banyan model connection test — ${ok ? 'all good' : 'problems found'}` : `Banyan model connection test: ${ok ? 'all good' : 'problems found'}`);
  for (const r of reports) {
    const perf = [r.latencyMs !== undefined ? `first token ${r.latencyMs} ms` : '', r.tokensPerSecond !== undefined ? `${r.tokensPerSecond} tokens/s` : ''].filter(Boolean).join(', ');
    lines.push('');
    lines.push(`${markdown ? '## ' : ''}${r.ok ? '✔' : '✖'} ${r.role}: ${r.model} at ${r.endpoint} (${r.provider})${perf ? ` — ${perf}` : ''}`);
    for (const c of r.checks) {
      lines.push(`${markdown ? '- ' : '  '}${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`);
      if (!c.ok && c.fix) lines.push(`${markdown ? '  - ' : '      '}Fix: ${c.fix}`);
    }
  }
  return lines.join('\n');
}
