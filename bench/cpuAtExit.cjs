// Preloaded (node --require) by bench/indexRepos.ts's CLI start-up bench: prints the process's CPU time
// (all threads, user + system) on stderr as it exits, which a loaded machine inflates far less than wall time.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\nbanyan-bench-cpu-ms ${(u.user + u.system) / 1000}\n`);
});
