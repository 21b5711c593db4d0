#!/usr/bin/env node
// The `aidp-gateway` bin. A committed file, not dist/gateway/cli.js itself: pnpm links a workspace package's bins
// at install time, before anything is built, and warns about and skips a bin whose file does not exist yet.
import "../dist/gateway/cli.js";
