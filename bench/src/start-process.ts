import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, waitUntil, type Teardowns } from '@incident-intel/test-support'

/** A process of its own, its output to a file (as a log shipper would take it), up once /health answers. */
export async function startProcess (teardowns: Teardowns, name: string, args: string[], env: Record<string, string>, directory: string): Promise<string> {
  const port = await freePort()
  const output = createWriteStream(join(directory, `${name}.log`))
  await once(output, 'open')
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', output, output],
    cwd: fileURLToPath(new URL('..', import.meta.url))
  })
  const exited = once(child, 'exit')
  teardowns.teardown(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    output.close()
  })
  const origin = `http://127.0.0.1:${port}`
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${join(directory, `${name}.log`)}`)
    return await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1000) }).then(response => response.status === 200, () => false)
  }, 20_000, `${name} did not answer /health`)
  return origin
}
