// `pnpm install-chromium`: installs Debian's chromium when it is missing, as the browser tests do before they start.
import { ensureChromium } from "@aidp/test-support/chromium";

ensureChromium();
