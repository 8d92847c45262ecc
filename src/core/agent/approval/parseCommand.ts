/**
 * Splits a shell command line into the simple commands it would run, so the approval policy judges
 * every one of them: chains (`;`, `&&`, `||`, `|`, `&`, newlines), subshells and groups (`( )`,
 * `{ }`), command substitution (`$( )`, backticks, `<( )`), `sh -c "…"` bodies, and wrappers that run
 * another command (env assignments, `sudo`, `env`, `nohup`, `time`, `nice`, `timeout`, `xargs`,
 * `exec`, `command`, `builtin`). Quotes are honoured. Not a full shell: anything it cannot read stays
 * in the words, where the deny rules still see it.
 */
export interface SimpleCommand {
  /** The words after wrappers and assignments, quotes removed. */
  readonly argv: readonly string[];
  /** The argv of the stages before this one in the same pipeline. */
  readonly pipedFrom: readonly (readonly string[])[];
}

export interface ParsedCommand {
  readonly commands: readonly SimpleCommand[];
  /** Redirection targets (`> file`, `2>> file`), for device writes. */
  readonly redirects: readonly string[];
}

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'time', 'nice', 'ionice', 'timeout', 'xargs', 'exec', 'command', 'builtin', 'stdbuf', 'setsid', 'chroot', 'watch', 'strace', 'unbuffer']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'ash', 'busybox']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseCommand(line: string, depth = 0): ParsedCommand {
  const commands: SimpleCommand[] = [];
  const redirects: string[] = [];
  const nested: string[] = [];
  for (const pipeline of splitTop(line, nested)) {
    const before: string[][] = [];
    for (const stage of pipeline.stages) {
      const argv = unwrap(tokenize(stage, redirects));
      if (argv.length) {
        commands.push({ argv, pipedFrom: before.map((b) => [...b]) });
        // `sh -c "body"`: the body is a command line of its own.
        const base = basename(argv[0]!);
        if (SHELLS.has(base)) {
          const c = argv.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
          if (c >= 0 && argv[c + 1] !== undefined) nested.push(argv[c + 1]!);
        }
        before.push([...argv]);
      }
    }
  }
  if (depth < 8) {
    for (const body of nested) {
      const inner = parseCommand(body, depth + 1);
      commands.push(...inner.commands);
      redirects.push(...inner.redirects);
    }
  }
  return { commands, redirects };
}

export function basename(word: string): string {
  return word.replace(/^.*\//, '');
}

/** Drops env assignments and wrapper programs (with their options) in front of the real command. */
function unwrap(words: readonly string[]): string[] {
  let i = 0;
  for (;;) {
    while (i < words.length && ASSIGNMENT.test(words[i]!)) i++;
    const w = words[i];
    if (w === undefined || !WRAPPERS.has(basename(w))) break;
    i++;
    // Options of the wrapper (sudo -u root, timeout 5, nice -n 10, env -i): skip until the next real word.
    while (i < words.length) {
      const o = words[i]!;
      if (o.startsWith('-')) {
        i++;
        if (/^-(u|g|n|s|k|p|C|h|U|D|I|r|t|E|L|P)$/.test(o) && i < words.length && !words[i]!.startsWith('-')) i++;
        continue;
      }
      if (/^\d+(\.\d+)?[smhd]?$/.test(o) || ASSIGNMENT.test(o)) {
        i++;
        continue;
      }
      break;
    }
  }
  return words.slice(i);
}

interface Pipeline {
  readonly stages: string[];
}

/**
 * Splits at top-level operators; the bodies of `( )`, `{ }`, `$( )`, backticks and `<( )` go to
 * `nested` and are parsed as command lines of their own.
 */
function splitTop(line: string, nested: string[]): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let stages: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  const flushStage = () => {
    stages.push(cur);
    cur = '';
  };
  const flushPipeline = () => {
    flushStage();
    if (stages.some((s) => s.trim())) pipelines.push({ stages: stages.filter((s) => s.trim()) });
    stages = [];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      cur += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      cur += ch + line[i + 1]!;
      i++;
      continue;
    }
    // Substitutions are nested commands even inside double quotes.
    if ((ch === '$' || ch === '<' || ch === '>') && line[i + 1] === '(') {
      const end = matching(line, i + 1, '(', ')');
      nested.push(line.slice(i + 2, end));
      cur += ' __SUBST__ ';
      i = end;
      continue;
    }
    if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      const stop = end < 0 ? line.length : end;
      nested.push(line.slice(i + 1, stop));
      cur += ' __SUBST__ ';
      i = stop;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
      continue;
    }
    if ((ch === '(' || ch === '{') && !cur.trim()) {
      const close = ch === '(' ? ')' : '}';
      const end = matching(line, i, ch, close);
      nested.push(line.slice(i + 1, end));
      i = end;
      continue;
    }
    if (ch === ';' || ch === '\n') {
      flushPipeline();
      continue;
    }
    if (ch === '&') {
      if (line[i + 1] === '&') i++;
      else if (line[i - 1] === '>' || line[i + 1] === '>') {
        cur += ch;
        continue;
      }
      flushPipeline();
      continue;
    }
    if (ch === '|') {
      if (line[i + 1] === '|') {
        i++;
        flushPipeline();
      } else {
        if (line[i + 1] === '&') i++;
        flushStage();
      }
      continue;
    }
    cur += ch;
  }
  flushPipeline();
  return pipelines;
}

function matching(line: string, open: number, o: string, c: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i;
  }
  return line.length;
}

/** Words of one simple command, quotes removed; redirection targets go to `redirects`. */
function tokenize(stage: string, redirects: string[]): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  let redirectNext: 'out' | 'in' | undefined;
  const push = () => {
    if (has) {
      if (redirectNext === 'out') redirects.push(cur);
      else if (redirectNext !== 'in') words.push(cur);
      redirectNext = undefined;
    }
    cur = '';
    has = false;
  };
  for (let i = 0; i < stage.length; i++) {
    const ch = stage[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < stage.length) cur += stage[++i]!;
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
      continue;
    }
    if (ch === '\\' && i + 1 < stage.length) {
      cur += stage[++i]!;
      has = true;
      continue;
    }
    if (/\s/.test(ch)) {
      push();
      continue;
    }
    if (ch === '>' || (ch === '<' && stage[i + 1] !== '(')) {
      // `2>`, `&>`, `>>`, `>|`: the digits/ampersand before belong to the operator.
      if (/^\d+$|^&$/.test(cur)) {
        cur = '';
        has = false;
      } else push();
      while (stage[i + 1] === '>' || stage[i + 1] === '|' || stage[i + 1] === '&') i++;
      if (stage[i] === '&' && /\d/.test(stage[i + 1] ?? '')) {
        // `2>&1`: a descriptor, not a file.
        while (/\d/.test(stage[i + 1] ?? '')) i++;
        continue;
      }
      redirectNext = ch === '>' ? 'out' : 'in';
      continue;
    }
    cur += ch;
    has = true;
  }
  push();
  return words;
}
