// A Logger that keeps every line it gets, for tests that check what the client logs.
import type { Logger } from "../src/index.ts";

export interface LoggedLine {
  level: string;
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function capturingLogger() {
  const lines: LoggedLine[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}
