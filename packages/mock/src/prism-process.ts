import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { stripVTControlCharacters } from "node:util";
import { parentWatchdogImport } from "./parent-watchdog.ts";

/** How many of Prism's last log lines are kept to explain a failed start. */
const KEPT_LINES = 60;
const prismCliPath = createRequire(import.meta.url).resolve("@stoplight/prism-cli");

/** A running `prism` child: its recent output, the URL it says it listens on, and how to end it. */
export class PrismProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the URL from Prism's "listening on" line; rejects if Prism exits first. */
  readonly listening: Promise<string>;
  private readonly recentLines: string[] = [];

  constructor(args: string[], onLog: (line: string) => void = () => {}) {
    this.child = spawn(process.execPath, ["--import", parentWatchdogImport, prismCliPath, ...args], {
      // Own process group, so stop() ends Prism and anything it forks; see parent-watchdog.ts.
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, SCARF_ANALYTICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    this.exited = once(this.child, "exit").then(([code, signal]) => ({ code, signal }));
    let announceUrl: (url: string) => void = () => {};
    this.listening = new Promise<string>((resolve, reject) => {
      announceUrl = resolve;
      this.exited.then(({ code, signal }) =>
        reject(new Error(`Prism exited (${signal ?? `code ${code}`}) before it was listening.`)),
      );
      this.child.once("error", reject);
    });
    this.listening.catch(() => {}); // the caller handles it; avoid an unhandled rejection meanwhile
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      // Always drained: an unread pipe would block Prism once it fills with request logs.
      createInterface({ input: stream }).on("line", (raw) => {
        const line = stripVTControlCharacters(raw);
        this.remember(line);
        onLog(line);
        const match = /Prism is listening on (\S+)/.exec(line);
        if (match?.[1]) announceUrl(match[1]);
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Prism's recent output without yargs' usage text, which it prints before every fatal error. */
  recentOutput(): string {
    const lines = this.recentLines;
    const usageStart = lines.findIndex((line) => line.startsWith("prism mock <document>"));
    if (usageStart === -1) return lines.join("\n").trim();
    const afterUsage = lines.slice(usageStart).lastIndexOf("");
    return [...lines.slice(0, usageStart), ...lines.slice(usageStart + afterUsage + 1)].join("\n").trim();
  }

  /** Sends `signal` to Prism's whole process group. */
  signal(signal: NodeJS.Signals): void {
    if (!this.isRunning || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal); // no process groups (Windows) or the group is already gone
    }
  }

  private remember(line: string): void {
    this.recentLines.push(line);
    if (this.recentLines.length > KEPT_LINES) this.recentLines.shift();
  }
}
