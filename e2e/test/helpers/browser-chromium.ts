import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import type { Teardown } from '@incident-intel/test-support'

/** Debian's chromium (scripts/setup.sh installs it); CHROMIUM_PATH points at another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Headless Chromium, closed at teardown. Its background services (updates, sync, QUIC probes)
 * are off: they would reach for the network, which this machine does not have.
 */
export async function launchChromium (t: Teardown): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: \`apt-get install -y chromium\` (scripts/setup.sh installs it), or set CHROMIUM_PATH`)
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  t.teardown(() => browser.close())
  return browser
}
