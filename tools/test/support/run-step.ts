// Runs one command asynchronously (the in-process registry must keep answering meanwhile) and, when it
// fails, throws with the command and the end of its output.
import { execFile } from "node:child_process";

export interface StepOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function runStep(command: string, args: string[], { cwd, env, timeoutMs = 180_000 }: StepOptions) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const output = `${stdout}\n${stderr}`.trim().slice(-4000);
        reject(
          new Error(
            `\`${[command, ...args].join(" ")}\` in ${cwd} failed (${error.message.split("\n")[0]}):\n${output}`,
          ),
        );
      },
    );
  });
}
