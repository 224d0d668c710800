import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { REPO_ROOT } from './compose-dockerfile.js'

/** A service as `docker-compose config` prints it: normalised, paths absolute, ports in long form. */
export interface ComposeService {
  image?: string
  build?: { context: string, target?: string, args?: Record<string, string> }
  command?: string[]
  environment?: Record<string, string>
  ports?: string[]
  healthcheck?: { test: string[], interval?: string, timeout?: string, retries?: number, start_period?: string }
  depends_on?: Record<string, { condition: string }>
  profiles?: string[]
  restart?: string
  volumes?: string[]
}

export interface ComposeConfig {
  services: Record<string, ComposeService>
  volumes?: Record<string, unknown>
}

const run = promisify(execFile)

/**
 * docker-compose.yml as Docker Compose itself reads it (Debian's docker-compose 1.29 needs no
 * engine for this), with every profile enabled; throws when the binary is missing or the file
 * is not valid.
 */
export async function composeConfig (file = 'docker-compose.yml'): Promise<ComposeConfig> {
  let stdout: string
  try {
    ({ stdout } = await run('docker-compose', ['-f', file, '--profile', 'demo', 'config'], {
      cwd: REPO_ROOT,
      // Only the file: no COMPOSE_* or .env from the caller's environment changes what is read.
      env: { PATH: process.env.PATH ?? '' }
    }))
  } catch (error) {
    const { code, stderr } = error as { code?: string | number, stderr?: string }
    if (code === 'ENOENT') {
      throw new Error('docker-compose is not installed: `apt-get install -y docker-compose` (scripts/setup.sh installs it)')
    }
    throw new Error(`docker-compose config refused ${file}:\n${stderr ?? String(error)}`)
  }
  return parse(stdout) as ComposeConfig
}
