/**
 * Cases from the user's repository, model-free and deterministic for a seed: the requested number
 * split evenly over the tasks, and within a task over the repository's languages in turn (a language
 * that runs out of candidates leaves its share to the others); at most one case per file and task, so
 * a few large files cannot dominate. Tests and generated files are left out unless asked for.
 */
import type { Parser } from 'web-tree-sitter';
import type { LanguageId } from '../index/languages';
import { candidateFor } from './caseCandidates';
import { type EvalCase, type EvalTask } from './evalTypes';
import { isGeneratedFile, isTestFile } from './excludedFiles';
import { SeededRandom } from './seededRandom';

export interface CaseFile {
  readonly file: string;
  readonly rel: string;
  readonly language: LanguageId;
}

export interface CaseSource {
  /** Every indexed file with a tree-sitter language. */
  readonly files: readonly CaseFile[];
  read(file: string): string | undefined;
  /** A parser set to the language, or undefined when its grammar cannot load. */
  parser(language: LanguageId): Promise<Parser | undefined>;
  /** Whether a function or method `name` is defined in a file other than `file`, and not in `file`. */
  crossFileCallee(name: string, file: string): boolean;
}

export interface GenerateOptions {
  readonly n: number;
  readonly seed: number;
  readonly tasks: readonly EvalTask[];
  readonly includeTests?: boolean;
  readonly includeGenerated?: boolean;
  /** Larger files are skipped (parsing them twice per case is slow, and they are rarely hand-written). */
  readonly maxFileBytes?: number;
}

export async function generateCases(source: CaseSource, options: GenerateOptions): Promise<EvalCase[]> {
  const rng = new SeededRandom(options.seed);
  const maxBytes = options.maxFileBytes ?? 200_000;
  const byLanguage = new Map<LanguageId, CaseFile[]>();
  for (const f of [...source.files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
    if (!options.includeTests && isTestFile(f.rel)) continue;
    if (!byLanguage.has(f.language)) byLanguage.set(f.language, []);
    byLanguage.get(f.language)!.push(f);
  }
  const languages = [...byLanguage.keys()].sort();
  const shuffled = new Map(languages.map((l) => [l, rng.shuffle(byLanguage.get(l)!)]));
  const cases: EvalCase[] = [];
  const texts = new Map<string, string | null>();
  const textOf = (f: CaseFile): string | undefined => {
    if (!texts.has(f.file)) {
      const t = source.read(f.file);
      texts.set(f.file, t === undefined || t.length > maxBytes || t.includes('\0') || (!options.includeGenerated && isGeneratedFile(f.rel, t)) ? null : t);
    }
    return texts.get(f.file) ?? undefined;
  };

  for (const [ti, task] of options.tasks.entries()) {
    const quota = Math.floor(options.n / options.tasks.length) + (ti < options.n % options.tasks.length ? 1 : 0);
    const next = new Map(languages.map((l) => [l, 0]));
    let taken = 0;
    while (taken < quota) {
      let progressed = false;
      for (const language of languages) {
        if (taken >= quota) break;
        const files = shuffled.get(language)!;
        let i = next.get(language)!;
        for (; i < files.length; i++) {
          const made = await caseIn(files[i]!, task);
          if (made) {
            cases.push(made);
            taken++;
            i++;
            break;
          }
        }
        if (i !== next.get(language)) progressed = true;
        next.set(language, i);
      }
      if (!progressed) break; // every language is out of files
    }
  }
  return cases;

  async function caseIn(f: CaseFile, task: EvalTask): Promise<EvalCase | undefined> {
    const text = textOf(f);
    if (text === undefined) return undefined;
    const parser = await source.parser(f.language);
    const tree = parser?.parse(text);
    if (!tree) return undefined;
    try {
      const span = candidateFor(task, { root: tree.rootNode, text, rng, crossFileCallee: (name) => source.crossFileCallee(name, f.file) });
      if (!span) return undefined;
      const before = text.slice(0, span.offset);
      const line = before.split('\n').length - 1;
      const character = span.offset - (before.lastIndexOf('\n') + 1);
      return {
        id: `${task}:${f.rel}:${line + 1}:${character + 1}`, task, file: f.file, rel: f.rel, language: f.language,
        offset: span.offset, hiddenEnd: span.end, line, character, expected: text.slice(span.offset, span.end),
      };
    } finally {
      tree.delete();
    }
  }
}
