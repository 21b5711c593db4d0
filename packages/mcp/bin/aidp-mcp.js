#!/usr/bin/env node
// The `aidp-mcp` bin. A committed file, not dist/bin.js itself: pnpm links a workspace package's bins at install
// time, before anything is built, and skips a bin whose file does not exist yet.
import "../dist/bin.js";
