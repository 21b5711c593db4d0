// Debian's headless Chromium for the browser tests (the docs site, the client in a page): installed when
// /usr/bin/chromium is missing, so they run on a fresh machine (CI) with no manual step, and started with flags
// that suit a test run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** No sandbox (root in CI), and none of Chromium's own network traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Two packages' tests may find Chromium missing at the same moment (turbo runs them side by side); apt-get
// refuses a second run while one holds its lock, so the installs take turns and the second finds it installed.
const INSTALL_LOCK = join(tmpdir(), "aidp-chromium-install.lock");
const INSTALL_SCRIPT = `test -x ${CHROMIUM_PATH} || { apt-get update && apt-get install -y --no-install-recommends chromium; }`;

export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  console.log(`${CHROMIUM_PATH} is missing: installing Debian's chromium package (apt-get)…`);
  execFileSync("flock", [INSTALL_LOCK, "sh", "-c", INSTALL_SCRIPT], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  }
}
