// vitest globalSetup: Debian's Chromium is installed (when missing) before any test starts, where an apt-get
// that takes minutes cannot run into a hook's timeout.
import { ensureChromium } from "@aidp/test-support/chromium";

export default function setup(): void {
  ensureChromium();
}
