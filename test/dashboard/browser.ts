/**
 * The real browser the dashboard tests drive: the distribution's Chromium (installed by .ci/run), through
 * playwright-core, which downloads nothing. Where no Chromium is installed, the tests say so and skip.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((path): path is string =>
  Boolean(path),
);

export const CHROMIUM = CANDIDATES.find((path) => existsSync(path)) ?? null;

export const NO_BROWSER_REASON = CHROMIUM ? '' : `no Chromium found (looked in ${CANDIDATES.join(', ')}; install the chromium package or set CHROMIUM_PATH)`;
