/**
 * Node flags for a process that hosts the code index: the language server (the extension starts it with
 * these) and the bench's stand-in for it. A first build keeps most of what it allocates (entries,
 * symbols, strings), so a large young generation buys little speed and costs resident memory: under the
 * build's allocation rate V8 grows it to its 32 MB default (two 16 MB semi-spaces), most of it
 * unused at any moment, and keeps it committed through the end of the build, when the memory peaks.
 */
export const INDEX_HOST_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
