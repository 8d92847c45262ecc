/** Blank lines at the ends of a run of lines: counted, or trimmed away. */
import { isBlank } from './indentation';

export function blankEnds(lines: readonly string[]): [number, number] {
  let lead = 0;
  while (lead < lines.length && isBlank(lines[lead]!)) lead++;
  if (lead === lines.length) return [0, 0];
  let trail = 0;
  while (isBlank(lines[lines.length - 1 - trail]!)) trail++;
  return [lead, trail];
}

export function trimBlankEnds(lines: readonly string[]): string[] {
  if (lines.every(isBlank)) return [];
  const [lead, trail] = blankEnds(lines);
  return lines.slice(lead, lines.length - trail);
}
