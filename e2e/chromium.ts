/**
 * Finds a Chromium to drive with playwright-core (which downloads no
 * browsers) and launches it with the flags that work on our machines: no
 * sandbox as root, and no background networking (the network is closed).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const CHROMIUM_PATH = [process.env.CHROMIUM_PATH, ...CANDIDATES].find(
  (path): path is string => Boolean(path && existsSync(path)),
);

export const INSTALL_HINT =
  "Browser tests skipped: no Chromium found. Install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).";

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error(INSTALL_HINT);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}
