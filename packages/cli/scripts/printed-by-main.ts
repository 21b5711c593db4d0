// What main() prints for some arguments, run in this process as yargs would run for a pipe in English: the
// build-time renderers (help text, completions) use it so that bin.ts can print the same without loading yargs.
import { main } from "../src/main.ts";

// As yargs renders for a pipe or a terminal at least HELP_WIDTH wide in English, whatever runs the build.
Object.defineProperty(process.stdout, "columns", { value: undefined, configurable: true });
for (const name of ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]) delete process.env[name];

/** What main(args) writes to standard output (yargs prints with console.log); it must succeed quietly. */
export async function printedBy(args: string[]): Promise<string> {
  let printed = "";
  const write = process.stdout.write;
  const log = console.log;
  const error = console.error;
  process.stdout.write = ((chunk: string) => {
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  console.log = (...parts: unknown[]) => {
    printed += `${parts.join(" ")}\n`;
  };
  console.error = (...parts: unknown[]) => {
    throw new Error(`aidp ${args.join(" ")} printed to standard error: ${parts.join(" ")}`);
  };
  try {
    const code = await main(args);
    if (code !== 0) throw new Error(`aidp ${args.join(" ")} exited ${code}`);
  } finally {
    process.stdout.write = write;
    console.log = log;
    console.error = error;
  }
  return printed;
}
