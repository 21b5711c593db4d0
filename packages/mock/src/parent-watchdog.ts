/**
 * Code preloaded into the Prism process (`node --import <this data: URL>`). Prism runs in its own
 * process group so that `stop()` can end it whole; that also means it would outlive a parent that
 * crashes. Its stdin is a pipe from the parent: when the parent dies, the pipe closes and Prism exits.
 */
const watchdogSource = [
  "process.stdin.on('end', () => process.exit(0));",
  "process.stdin.on('error', () => process.exit(0));",
  "process.stdin.resume();",
].join("");

export const parentWatchdogImport = `data:text/javascript,${encodeURIComponent(watchdogSource)}`;
