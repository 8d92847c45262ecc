// The benches' flags: `--name v1 v2` → { name: 'v1 v2' }, a bare `--flag` → { flag: true }.
export function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const k = argv[i].slice(2);
    const vals = [];
    while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) vals.push(argv[++i]);
    o[k] = vals.length ? vals.join(' ') : true;
  }
  return o;
}
