// Preloaded (node --import) into a process the benchmark does not own the code of, such as the `aidp` bin:
// on exit it prints the process's peak RSS on standard error as one JSON line.
process.on("exit", () => {
  // resourceUsage().maxRSS is in kibibytes: the peak over this process's whole life.
  process.stderr.write(`\n${JSON.stringify({ peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
});
