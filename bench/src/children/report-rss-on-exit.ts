// Preloaded (node --expose-gc --import) into a process the benchmark does not own the code of, such as the
// `aidp` bin: on exit it prints the process's CPU time (start-up included), its peak RSS, and the heap left after a forced GC (what the process
// kept, as opposed to garbage not yet collected), on standard error as one JSON line.
process.on("exit", () => {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage(); // since the process started: its start-up included
  const report = {
    processCpuSeconds: (cpu.user + cpu.system) / 1e6,
    // resourceUsage().maxRSS is in kibibytes: the peak over this process's whole life.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapAfterGcMiB: process.memoryUsage().heapUsed / 1024 ** 2,
  };
  process.stderr.write(`\n${JSON.stringify(report)}\n`);
});
