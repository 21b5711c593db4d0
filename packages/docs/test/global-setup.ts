import { ensureChromium } from "../scripts/ensure-chromium.ts";

export default function setup(): void {
  ensureChromium();
}
