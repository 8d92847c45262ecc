import { findBracketScopeEnd } from '../scope/bracketScope';
import { findIndentationScopeEnd } from '../scope/indentationScope';
import type { ScopeEnd, ScopeInput } from '../scope/scopeInput';
import { isBlank } from '../text/indentation';
import { findRepeatedBlock, findRepeatedLine } from '../text/repetition';
import { beforeLine, lineStartsOf } from '../scope/scopeInput';

export interface StreamCutInput extends ScopeInput {
  /** Whether a block was asked for; a single-line request ends with its first line. */
  multiline: boolean;
}

/**
 * Where a streamed suggestion is finished, judged on the text received so far: for a single line,
 * once its first non-blank line has ended; for a block, once a line leaves the cursor's block by
 * indentation or a `}` closes it, or once the model loops (a line or block repeated). `undefined`
 * while it may still go on. The cut never falls before what the post-processing filters would keep
 * (a closing line they may keep on a syntax tree's word is awaited), so stopping there loses nothing
 * and saves the tokens the model would spend after it.
 */
export function findStreamCut(streamed: string, input: StreamCutInput): ScopeEnd {
  if (!input.multiline) return firstLineEnd(streamed);
  const cuts = [findIndentationScopeEnd(streamed, input, false), findBracketScopeEnd(streamed, input, false), findLoop(streamed, input)];
  let best: ScopeEnd;
  for (const found of cuts) {
    // Where the filters may still keep a closing line (a syntax tree decides), it must have arrived.
    const cut = found && { offset: Math.max(found.offset, found.alternative ?? found.offset), reason: found.reason };
    if (cut && (!best || cut.offset < best.offset)) best = cut;
  }
  return best;
}

/** A loop among the lines received in full (the last, unfinished line is not judged yet). */
function findLoop(streamed: string, input: StreamCutInput): ScopeEnd {
  const lines = streamed.split('\n');
  const complete = lines.slice(0, -1);
  if (complete.length < 2) return undefined;
  complete[0] = input.linePrefix + complete[0];
  const cut = [findRepeatedLine(complete, false), findRepeatedBlock(complete)].filter((c) => c !== undefined);
  if (cut.length === 0) return undefined;
  return { offset: beforeLine(streamed, lineStartsOf(streamed), Math.min(...cut)), reason: 'the model is repeating itself' };
}

function firstLineEnd(streamed: string): ScopeEnd {
  let start = 0;
  for (;;) {
    const newline = streamed.indexOf('\n', start);
    if (newline < 0) return undefined;
    if (!isBlank(streamed.slice(start, newline))) return { offset: newline, reason: 'single line finished' };
    start = newline + 1;
  }
}

/**
 * Accumulates a model's streamed chunks and says when to stop reading (so the request can be
 * cancelled and the socket freed) and what text to keep.
 */
export class BlockEndDetector {
  private received = '';
  private cut: ScopeEnd;

  constructor(private readonly input: StreamCutInput) {}

  /** Adds a chunk; returns true once the suggestion is complete (further chunks are ignored). */
  push(chunk: string): boolean {
    if (this.cut) return true;
    this.received += chunk;
    this.cut = findStreamCut(this.received, this.input);
    return this.cut !== undefined;
  }

  get done(): boolean {
    return this.cut !== undefined;
  }

  /** Why the stream was cut, if it was. */
  get reason(): string | undefined {
    return this.cut?.reason;
  }

  /** The suggestion so far: everything received, or up to the cut once done. */
  get text(): string {
    return this.cut ? this.received.slice(0, this.cut.offset) : this.received;
  }
}
