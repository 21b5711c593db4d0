export { type FencedBlock, fencedBlocks, shBlockLines } from "./markdown-blocks/markdown-blocks.mjs";
