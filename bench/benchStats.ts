/** What the TypeScript benches share: `--name value` number arguments and percentile summaries. */
export function numberArg(name: string, def: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
}

/** Median, p95 (nearest rank), min and max, rounded to `digits` decimals. */
export function stats(values: readonly number[], digits = 3) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const f = 10 ** digits;
  const r = (v: number) => Math.round(v * f) / f;
  return { median: r(q(0.5)), p95: r(q(0.95)), min: r(s[0]!), max: r(s.at(-1)!) };
}
