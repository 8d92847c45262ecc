import { resolveSettings } from '../../core/config/settings';
import { engineSettings } from '../../core/nextEdit/engineSettings';
import { NextEditEngine } from '../../core/nextEdit/nextEditEngine';
import { parse } from '../cliArgs';
import type { CliCommand } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { NEXT_EDIT_FLAGS, NEXT_EDIT_SUMMARY, NEXT_EDIT_USAGE_HEAD, nextEditSetup, printLocations } from './nextEditLocations';
import { round2 } from './positionArgs';

/**
 * `banyan next-edit`: where the next edit will be after the edits in --history (a git-style unified
 * diff, oldest first, paths relative to the workspace; the files on disk already hold them), and with a
 * model what it is. `--locations` asks no model and prints the contract of ../shared/bench/next-edit:
 * `{"region":{file,startLine,endLine},"locations":[{file,startLine,endLine,score,reason}]}` (0-based
 * inclusive lines, workspace-relative files, most likely first); the CLI serves that form from the index
 * commands' bundle (nextEditLocations.ts), this command only when it is called directly.
 */
export const nextEditCommand: CliCommand = {
  name: 'next-edit',
  summary: NEXT_EDIT_SUMMARY,
  usage: `${NEXT_EDIT_USAGE_HEAD} ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const started = performance.now();
    const { values } = parse(args, { ...MODEL_FLAGS, ...NEXT_EDIT_FLAGS }, false);
    const setup = await nextEditSetup(values, started);
    const { position: { workspace, file, text, line, character }, history, index, indexMs, locator, rel, span } = setup;
    try {
      if (values.locations) {
        await printLocations(setup, started, io);
        return 0;
      }
      const hub = cliHub(workspace, values, ['nextEdit'], io);
      const settings = resolveSettings(workspaceSettings(workspace)).settings;
      const endpoint = hub.endpoints('nextEdit')[0];
      const engine = new NextEditEngine(locator, () => hub, () => engineSettings(settings, endpoint));
      const interrupt = interruptSignal();
      try {
        const outcome = await engine.predict({
          file, text, cursor: { line, character }, history, index,
          readFile: (f) => (f === file ? text : index.linesOf(f)?.join('\n')),
          relPath: rel,
          rejectedBefore: () => false,
        }, interrupt.signal);
        const t = outcome.kind === 'suggestion' ? outcome.prediction.timings : outcome.timings;
        const timings = { index: round2(indexMs), locate: round2(t.locateMs), model: round2(t.modelMs), requests: t.requests, command: round2(performance.now() - started) };
        if (outcome.kind === 'none') {
          io.stdout(values.json ? JSON.stringify({ region: outcome.region ? span(outcome.region) : null, edits: [], jump: null, none: outcome.reason, timings }) : `(no suggestion: ${outcome.reason})`);
          return 0;
        }
        const p = outcome.prediction;
        const edits = p.edits.map((e) => ({ file: rel(p.file), range: e.range, newText: e.newText }));
        if (values.json) io.stdout(JSON.stringify({ region: span(p.region), edits, jump: p.jump ? span(p.jump) : null, format: p.format, timings }));
        else io.stdout(`${rel(p.file)}${p.jump ? ` (jump to line ${p.jump.startLine + 1})` : ''}\n${edits.map((e) => `@@ ${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1}\n${e.newText}`).join('\n')}`);
        return 0;
      } catch (err) {
        throw cliModelError(err);
      } finally {
        interrupt.dispose();
        await hub.dispose();
      }
    } finally {
      await index.close({ save: false });
    }
  },
};
