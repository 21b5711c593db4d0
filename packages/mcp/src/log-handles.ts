// What a `download_cluster_logs` call leaves behind: the export's PAR URL, kept in this process's memory under
// a random handle that the model may see. The handle (160 random bits) is the only way to the URL, expires when
// the URL is assumed to (`ttlMs`, the --log-handle-hours flag), and is gone when the server stops.
import { randomBytes } from "node:crypto";
import type { Redactor } from "./redaction.ts";

interface KeptExport {
  parUrl: string;
  expiresAt: number;
}

export interface LogHandleOptions {
  ttlMs: number;
  redactor: Redactor;
  /** Most handles kept; beyond, the oldest goes first. */
  maxHandles?: number;
  now?: () => number;
}

const HANDLE_PREFIX = "log_";
const HANDLE_BYTES = 20;

export class LogHandles {
  private readonly kept = new Map<string, KeptExport>();
  private readonly now: () => number;
  private readonly maxHandles: number;
  private readonly options: LogHandleOptions;

  constructor(options: LogHandleOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.maxHandles = options.maxHandles ?? 1_000;
  }

  /** Keeps the URL and returns its new handle and when both expire. */
  create(parUrl: string): { logHandle: string; expiresAt: string } {
    this.dropExpired();
    while (this.kept.size >= this.maxHandles) this.kept.delete(this.kept.keys().next().value as string);
    const logHandle = `${HANDLE_PREFIX}${randomBytes(HANDLE_BYTES).toString("base64url")}`;
    const expiresAt = this.now() + this.options.ttlMs;
    this.kept.set(logHandle, { parUrl, expiresAt });
    this.options.redactor.add(parUrl);
    return { logHandle, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The URL behind a handle, or undefined when it was never issued or has expired. */
  parUrlOf(logHandle: string): string | undefined {
    this.dropExpired();
    return this.kept.get(logHandle)?.parUrl;
  }

  private dropExpired(): void {
    const now = this.now();
    // A forgotten URL stays registered with the redactor: an answer echoing it later must not show it either.
    for (const [handle, kept] of this.kept) if (kept.expiresAt <= now) this.kept.delete(handle);
  }
}
