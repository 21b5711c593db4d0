// The README examples for a page: bundled by esbuild, the test calls `runReadmeExamples` through the page.
import { runReadmeExamples } from "./readme-examples.ts";

(globalThis as { runReadmeExamples?: typeof runReadmeExamples }).runReadmeExamples = runReadmeExamples;
