/*
 * Every benchmark of this package, each in a process of its own, with this script's arguments
 * (`--quick`); stops at the first that fails, with its exit code.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'

// The package's scripts of the same names say which file each one runs.
const SUITES = ['bench:comparisons', 'bench:refresh-queue', 'bench:reconciler', 'bench:serving', 'bench:feed', 'bench:growth', 'bench:replicas']

const args = process.argv.slice(2).filter(arg => arg !== '--')
// Ctrl-C reaches the running benchmark too: wait while it drops its database and keys.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {})

for (const suite of SUITES) {
  console.error(`\n== pnpm run ${suite} ${args.join(' ')}`)
  const child = spawn('pnpm', ['run', '--silent', suite, ...args], { stdio: 'inherit' })
  const [code, signal] = await once(child, 'exit') as [number | null, NodeJS.Signals | null]
  if (code !== 0) {
    console.error(`${suite} failed (${signal ?? `exit code ${code}`})`)
    process.exit(code ?? 1)
  }
}
