// Kept for two readers that cannot import @aidp/markdown-blocks by name: tools/quick-start-line.mjs, which CI
// runs before anything is installed, and the mock's and the CLI's tests, which their engineers are rewriting on
// other branches (they can switch to the package name then). Everything else imports @aidp/markdown-blocks.
export { fencedBlocks, shBlockLines } from "./markdown-blocks/markdown-blocks.mjs";
