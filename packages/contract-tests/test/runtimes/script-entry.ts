// Runs the README examples in Deno or Bun: the configuration is the last command-line argument (JSON), the
// report the last line printed (JSON). `process` is a global in both runtimes.
import { type ReadmeExamplesConfig, runReadmeExamples } from "./readme-examples.ts";

const config = JSON.parse(process.argv.at(-1) ?? "") as ReadmeExamplesConfig;
process.stdout.write(`${JSON.stringify(await runReadmeExamples(config))}\n`);
