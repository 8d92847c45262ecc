// Case by case, the answers of `banyan next-edit --locations` (one process per case, as the harness runs
// it) against the in-process engine's on the same cases: the region and the ranked locations (file and
// lines; scores and reasons aside) must be the same, since the CLI runs the same engine on the same files.
// Compares the first `depth` locations (the CLI prints 20; the harness scores 10).
//   node bench/nextEdit/compareCli.mjs CLI_DIR IN_PROCESS_DIR   (folders of <case id>.json)
import fs from 'node:fs';
import path from 'node:path';

const key = (s) => (s ? `${s.file}:${s.startLine}-${s.endLine}` : 'null');

export function compareAnswers(cliDir, inProcessDir, depth = 20) {
  const ids = fs.readdirSync(inProcessDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  const out = { cases: ids.length, identical: 0, missing: [], regionDiffers: [], locationsDiffer: [] };
  for (const id of ids) {
    const cliFile = path.join(cliDir, `${id}.json`);
    if (!fs.existsSync(cliFile) || !fs.statSync(cliFile).size) { out.missing.push(id); continue; }
    const a = JSON.parse(fs.readFileSync(cliFile, 'utf8'));
    const b = JSON.parse(fs.readFileSync(path.join(inProcessDir, `${id}.json`), 'utf8'));
    const la = a.locations.slice(0, depth).map(key);
    const lb = b.locations.slice(0, depth).map(key);
    const n = Math.min(la.length, lb.length, depth);
    const firstDiff = la.slice(0, n).findIndex((k, i) => k !== lb[i]);
    const regionSame = key(a.region) === key(b.region);
    const locSame = firstDiff < 0 && (la.length === lb.length || n === depth);
    if (!regionSame) out.regionDiffers.push({ id, cli: key(a.region), inProcess: key(b.region) });
    if (!locSame) out.locationsDiffer.push({ id, at: firstDiff < 0 ? n : firstDiff, cli: la.slice(Math.max(0, firstDiff), Math.max(0, firstDiff) + 3), inProcess: lb.slice(Math.max(0, firstDiff), Math.max(0, firstDiff) + 3), counts: [la.length, lb.length] });
    if (regionSame && locSame) out.identical++;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cliDir, inProcessDir] = process.argv.slice(2);
  if (!cliDir || !inProcessDir) { console.error('usage: compareCli.mjs CLI_DIR IN_PROCESS_DIR'); process.exit(2); }
  console.log(JSON.stringify(compareAnswers(cliDir, inProcessDir), null, 1));
}
