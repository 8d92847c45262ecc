import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for a process that hosts the code index: the language server (the extension starts it with
 * these) and the bench's stand-in for it.
 *
 * A first build keeps most of what it allocates (entries, symbols, strings), so a large young generation
 * buys little speed and costs resident memory: under the build's allocation rate V8 grows it to its
 * 32 MB default (two 16 MB semi-spaces), most of it unused at any moment, and keeps it committed through
 * the end of the build, when the memory peaks.
 *
 * The old generation: after each full collection V8 lets it grow by a factor it picks from how fast the
 * collector ran — up to four times what survived on a fast machine. A build that keeps growing its heap
 * then carries that much garbage to its end (the peak). Letting it grow by half at a time costs a few
 * more full collections (1–2 % of a cold build's CPU time); 30 % gave no lower a peak for twice that.
 */
const HEAP_GROWTH_FLAGS: readonly string[] = ['--heap-growing-percent=50'];

export const INDEX_HOST_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', ...HEAP_GROWTH_FLAGS];

/**
 * For a process started without INDEX_HOST_EXEC_ARGV that opens an index (the CLI, started by the
 * user's shell): the flags V8 reads at every collection, so they take effect when set while it runs.
 * The young generation's size is fixed when the process starts and cannot follow.
 */
export function applyIndexHostHeapFlags(): void {
  for (const flag of HEAP_GROWTH_FLAGS) setFlagsFromString(flag);
}
