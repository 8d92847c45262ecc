/**
 * The built-in deny list: commands so destructive that Banyan refuses them even when the user set
 * commands to "approve always" or allow-listed a prefix. Judged per simple command after
 * `parseCommand` (so `cd x && sudo rm -rf /` and `echo $(curl … | sh)` are caught too).
 * Returns the reason, or undefined when nothing matches.
 */
import { basename, type ParsedCommand, type SimpleCommand } from './parseCommand';

/** Paths whose recursive removal or permission change wrecks the machine or the user's home. */
const CRITICAL_PATH = /^(\/+\*?|~\/?\*?|\$\{?HOME\}?\/?\*?|\/(bin|boot|dev|etc|home|lib|lib64|opt|proc|root|sbin|srv|sys|usr|var)\/?\*?|\.\/?\*?|\.\.\/?\*?|\*)$/;
const SHELL_PROGRAMS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'python', 'python3', 'perl', 'ruby', 'node']);
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'iwr', 'invoke-webrequest']);
const POWER = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);

type Rule = (cmd: SimpleCommand) => string | undefined;

const hasFlag = (argv: readonly string[], short: string, long: string[]) =>
  argv.slice(1).some((a) => (a.startsWith('--') ? long.includes(a) : a.startsWith('-') && a.slice(1).includes(short)));
const operands = (argv: readonly string[]) => argv.slice(1).filter((a) => !a.startsWith('-'));

const RULES: readonly Rule[] = [
  ({ argv }) => {
    if (basename(argv[0]!) !== 'rm') return undefined;
    if (argv.includes('--no-preserve-root')) return 'rm --no-preserve-root';
    const recursive = hasFlag(argv, 'r', ['--recursive']) || hasFlag(argv, 'R', []);
    const target = operands(argv).find((a) => CRITICAL_PATH.test(a));
    return recursive && target !== undefined ? `recursive rm of ${target}` : undefined;
  },
  ({ argv }) => (/^mkfs(\.|$)|^mke2fs$|^mkswap$|^wipefs$|^fdisk$|^sfdisk$|^parted$|^shred$/.test(basename(argv[0]!)) ? `${basename(argv[0]!)} (formats or wipes a disk)` : undefined),
  ({ argv }) => (basename(argv[0]!) === 'dd' && argv.some((a) => /^of=\/dev\//.test(a)) ? 'dd onto a device' : undefined),
  ({ argv }) => {
    if (basename(argv[0]!) !== 'git') return undefined;
    const sub = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (sub[0] === 'push' && (hasFlag(argv, 'f', ['--force', '--force-with-lease', '--mirror', '--delete']) || argv.slice(2).some((a) => a.startsWith('+') || a.startsWith('--force')))) return 'git push --force';
    return undefined;
  },
  ({ argv }) => {
    if (basename(argv[0]!) !== 'kubectl') return undefined;
    // The verb may follow global flags with values (`kubectl -n prod apply`), so any bare word counts.
    const sub = argv.slice(1).find((a) => !a.startsWith('-') && ['delete', 'apply', 'replace', 'drain', 'patch'].includes(a));
    return sub ? `kubectl ${sub}` : undefined;
  },
  ({ argv, pipedFrom }) => {
    const prog = basename(argv[0]!);
    if (!SHELL_PROGRAMS.has(prog)) return undefined;
    if (pipedFrom.some((p) => FETCHERS.has(basename(p[0] ?? '')))) return `download piped into ${prog}`;
    return undefined;
  },
  ({ argv }) => {
    const prog = basename(argv[0]!);
    if (prog !== 'chmod' && prog !== 'chown' && prog !== 'chgrp') return undefined;
    const recursive = hasFlag(argv, 'R', ['--recursive']);
    const ops = operands(argv);
    const target = ops.slice(1).find((a) => CRITICAL_PATH.test(a));
    if (recursive && target !== undefined) return `recursive ${prog} of ${target}`;
    if (prog === 'chmod' && ops[0] === '777' && ops.slice(1).some((a) => CRITICAL_PATH.test(a))) return 'chmod 777 of a system path';
    return undefined;
  },
  ({ argv }) => {
    const prog = basename(argv[0]!);
    if (POWER.has(prog)) return prog;
    if (prog === 'init' && /^[06]$/.test(argv[1] ?? '')) return `init ${argv[1]}`;
    if (prog === 'systemctl' && ['poweroff', 'reboot', 'halt', 'kexec', 'suspend', 'hibernate'].includes(argv[1] ?? '')) return `systemctl ${argv[1]}`;
    return undefined;
  },
  ({ argv }) => (basename(argv[0]!) === 'mv' && operands(argv).slice(0, -1).some((a) => /^\/+\*?$/.test(a)) ? 'mv of /' : undefined),
];

/** `:(){ :|:& };:` and its renamed variants. */
const FORK_BOMB = /([A-Za-z_:][\w:]*)\s*\(\s*\)\s*\{[^}]*\1\s*\|\s*&?\s*\1\s*&/;
/** `bash <(curl …)`, `sh -c "$(wget …)"`, `eval "$(curl …)"`, `source <(curl …)`. */
const FETCH_INTO_SHELL = /(^|[\s;&|(])(sh|bash|zsh|dash|ksh|python3?|perl|ruby|node|eval|source|\.)\s[^;&|]*(<\(|\$\(|`)\s*(curl|wget)\b/;
/** Writes straight onto a disk device. */
const DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|mapper\/)/;

export function deniedByBuiltIn(line: string, parsed: ParsedCommand): string | undefined {
  if (FORK_BOMB.test(line)) return 'a fork bomb';
  if (FETCH_INTO_SHELL.test(line)) return 'a download run by a shell';
  const device = parsed.redirects.find((r) => DEVICE.test(r));
  if (device) return `a write onto ${device}`;
  for (const cmd of parsed.commands) {
    for (const rule of RULES) {
      const r = rule(cmd);
      if (r) return r;
    }
  }
  return undefined;
}
