import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set size in bytes (worker threads included). On Linux it is read from
 * /proc/self/status (VmHWM): getrusage's maxrss also counts the parent's memory at fork time, so a
 * process started by a big one would report the parent's size.
 */
export function peakRssBytes(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS * 1024;
}
