// Locate (or, as a last resort, install) a Chromium for the e2e tests.
// We use playwright-core with a system Chromium because `playwright install`
// cannot download browsers on our machines; Debian's chromium works fine.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

// Flags required on our (root, GPU-less, offline) machines; the extra
// --disable-* ones stop Chromium phoning home, which would only time out.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function locate() {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const p = process.env[name];
    if (p && existsSync(p)) return p;
    if (p) console.warn(`[find-chromium] ${name}=${p} does not exist; ignoring`);
  }
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return p;
  return null;
}

// Playwright's own downloaded browser, if one happens to be installed.
async function locatePlaywrightBrowser() {
  try {
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function run(cmd, args) {
  console.log(`[find-chromium] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'], // stream output; never wait on stdin (CI)
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

function install() {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[find-chromium] no Chromium found; installing Debian package "chromium"');
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])) return;
    console.warn('[find-chromium] apt-get install chromium failed');
  } else {
    // playwright-core's own CLI so the browser build matches the library version
    // (`npx playwright` would fetch a different package from the registry).
    console.log('[find-chromium] no Chromium found; trying playwright-core install chromium');
    if (!run('npx', ['--no-install', 'playwright-core', 'install', 'chromium'])) {
      console.warn('[find-chromium] playwright-core install chromium failed');
    }
  }
}

/** Path to a Chromium executable; installs one if needed; throws if impossible. */
export async function findChromium() {
  let p = locate() ?? (await locatePlaywrightBrowser());
  if (p) return p;
  install();
  p = locate() ?? (await locatePlaywrightBrowser());
  if (p) return p;
  throw new Error(
    'No Chromium found and installing one failed. Install Debian\'s "chromium" package ' +
      '(apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable.',
  );
}

/** Launch headless Chromium via playwright-core with our standard flags. */
export async function launchChromium(options = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = await findChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, ...options });
}

// `node scripts/find-chromium.mjs` prints the path (handy for debugging).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await findChromium());
}
