#!/usr/bin/env node
// The `aidp` bin. A committed file, not dist/bin.js itself: pnpm links a workspace package's bins at install
// time, before anything is built, and skips a bin whose file does not exist yet (a fresh clone had no `aidp`).
import "../dist/bin.js";
