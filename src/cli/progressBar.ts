/**
 * A progress bar with an ETA on stderr for long commands (`banyan eval`): redrawn in place on a
 * terminal, a plain line every tenth of the way otherwise (CI logs, pipes).
 */
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WriteStream, label: string, now: () => number = () => performance.now()): ProgressBar {
  const started = now();
  const tty = stream.isTTY === true;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total, note = '') {
      const share = total > 0 ? done / total : 1;
      const elapsed = now() - started;
      const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
      const line = `${label} ${bar(share)} ${done}/${total} ${Math.floor(share * 100)}% · ETA ${clock(eta)}${note ? ` · ${note}` : ''}`;
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        const decile = Math.floor(share * 10);
        if (decile !== lastDecile) stream.write(`${line}\n`);
        lastDecile = decile;
      }
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[2K');
    },
  };
}

function bar(share: number, width = 24): string {
  const full = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

/** m:ss, or --:-- before there is anything to extrapolate from. */
export function clock(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
