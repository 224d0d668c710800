import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import pg from 'pg'
import { adminDatabaseUrl, createTestDatabase, createTestRedis, freePort, waitUntil, testRedisUrl } from '@incident-intel/test-support'
import { REPO_ROOT, imageOf, readDockerfile, type Image } from './helpers/compose-dockerfile.js'

// No engine runs here: the Dockerfile is read, and what its stages do is done for real on this
// machine, from the same commands, into the same layout.
const dockerfile = readDockerfile()
const RUNTIME_COPIES = [
  { from: 'deploy', sources: ['/out/package.json'], destination: './package.json' },
  { from: 'deploy', sources: ['/out/dist'], destination: './dist' },
  { from: 'deploy', sources: ['/out/node_modules'], destination: './node_modules' }
]
const DEPLOYED = ['incidents-api', 'intel-requests-api', 'migrate']

// The deploy steps are mostly file copying: run all three at once, each awaited by its own test.
const deploys = new Map(DEPLOYED.map(service => [service, deploy(t, service)]))
for (const pending of deploys.values()) pending.catch(() => {}) // reported by the test that awaits it

t.test('stages: build, deploy, a slim runtime and a target per kind of image', async t => {
  t.strictSame(dockerfile.stages.map(({ name }) => name), ['build', 'deploy', 'runtime', 'service', 'migrate', 'demo-data', null])
  t.equal(dockerfile.stages.at(-1)!.from, 'service', 'the default target is the service image')

  const build = imageOf(dockerfile, 'build')
  t.match(build.baseImage, /^node:24-/)
  t.strictSame(build.copies[0], { from: null, sources: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'], destination: './' },
    'package.json (whose packageManager corepack follows) and the lockfile come first')
  t.strictSame(build.runs, ['corepack enable', 'pnpm fetch', 'pnpm install --frozen-lockfile --offline', 'pnpm build'])

  const deploy = imageOf(dockerfile, 'deploy')
  // eslint-disable-next-line no-template-curly-in-string -- the shell's variable, as written in the Dockerfile
  t.strictSame(deploy.runs.slice(build.runs.length), ['pnpm --filter "@incident-intel/${SERVICE}" deploy --prod --legacy /out'])
})

for (const target of ['service', 'migrate', 'demo-data', null]) {
  t.test(`target ${target ?? '(default)'}: the deployed package alone, run by the non-root node user`, async t => {
    const image = imageOf(dockerfile, target)
    t.match(image.baseImage, /^node:24-[\w-]*slim$/)
    t.equal(image.user, 'node')
    t.equal(image.workdir, '/app')
    t.equal(image.env.NODE_ENV, 'production')
    t.strictSame(image.copies.filter(copy => copy.from !== null), RUNTIME_COPIES)
    t.strictSame(image.runs, [], 'nothing is installed or built in a runtime image')
  })
}

t.test('the service target listens on every interface, on its PORT, and checks its own /health', async t => {
  for (const [args, port] of [[{}, '3001'], [{ PORT: '3002' }, '3002']] as const) {
    const image = imageOf(dockerfile, 'service', args)
    t.strictSame({ HOST: image.env.HOST, PORT: image.env.PORT }, { HOST: '0.0.0.0', PORT: port })
    t.strictSame(image.expose, [port])
    t.strictSame(image.cmd, ['node', 'dist/server.js'])
    t.strictSame(image.healthcheck?.cmd.slice(0, 2), ['node', '-e'])
    t.match(image.healthcheck?.cmd[2], "fetch('http://127.0.0.1:' + process.env.PORT + '/health')")
    t.strictSame(Object.keys(image.healthcheck?.flags ?? {}).sort(), ['interval', 'retries', 'start-period', 'timeout'])
  }
  t.strictSame(imageOf(dockerfile, 'migrate').cmd, ['node', 'dist/cli.js', '--ddl', 'ddl/app'])
  t.strictSame(imageOf(dockerfile, 'migrate').copies.filter(copy => copy.from === null), [{ from: null, sources: ['ddl/app'], destination: './ddl/app' }])
  t.strictSame(imageOf(dockerfile, 'demo-data').cmd, ['node', 'dist/cli.js'])
})

for (const service of ['incidents-api', 'intel-requests-api']) {
  t.test(`${service}: the deploy step's output runs the service from the environment alone`, async t => {
    const image = imageOf(dockerfile, 'service', { SERVICE: service })
    const app = await layOut(t, image, await deploys.get(service)!)
    t.strictSame((await readdir(app)).sort(), ['dist', 'node_modules', 'package.json'])

    const { url } = await createTestDatabase(t)
    const { prefix } = await createTestRedis(t)
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const server = runImage(t, image, app, {
      // 127.0.0.1 rather than the image's 0.0.0.0: nothing here listens beyond this machine.
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: url,
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: 'warn'
    })
    await waitUntil(async () => {
      if (server.exit() !== undefined) throw new Error(`${service} exited before it answered:\n${server.output()}`)
      return (await fetch(`${origin}/health`).catch(() => undefined))?.status === 200
    }, 20_000, `${service} did not answer /health:\n${server.output()}`)

    const health = await fetch(`${origin}/health`)
    t.strictSame([health.status, await health.json()], [200, { status: 'ok' }])
    // Redis connects once the app is ready, a moment after /health first answers.
    let ready: unknown
    await waitUntil(async () => {
      const response = await fetch(`${origin}/ready`)
      ready = [response.status, await response.json()]
      return (ready as [number, { status: string }])[1].status === 'ready'
    }, 10_000, `${service} did not become ready`).catch(() => {})
    // intel-requests-api uses Redis for its rate limits only; incidents-api also reports its refresh queue.
    const checks = service === 'incidents-api'
      ? { postgres: 'up', redis: 'up', rate_limit: 'up', refresh_queue: 'up' }
      : { postgres: 'up', redis: 'up', rate_limit: 'up' }
    t.strictSame(ready, [200, { status: 'ready', checks }])
    const document = await fetch(`${origin}/openapi.json`)
    t.equal(((await document.json()) as { info: { title: string } }).info.title, service)
    // Swagger UI's assets are files of a dependency: they must have been deployed too.
    const bundle = await fetch(`${origin}/docs/static/swagger-ui-bundle.js`)
    t.equal(bundle.status, 200)
    t.ok((await bundle.text()).length > 100_000, 'the Swagger UI bundle is served whole')

    const healthcheck = () => runToExit(image.healthcheck!.cmd, app, { ...image.env, PORT: String(port) })
    t.strictSame((await healthcheck()).exit, { code: 0, signal: null }, 'HEALTHCHECK passes while the service answers')
    server.kill('SIGTERM')
    t.strictSame(await server.exited, { code: 0, signal: null }, 'SIGTERM shuts it down cleanly')
    t.strictSame((await healthcheck()).exit, { code: 1, signal: null }, 'HEALTHCHECK fails once it does not')
  })
}

t.test('migrate: the deploy step\'s output migrates an empty database as the test template was, then is a no-op', async t => {
  const image = imageOf(dockerfile, 'migrate', { SERVICE: 'migrate' })
  const app = await layOut(t, image, await deploys.get('migrate')!)
  t.strictSame((await readdir(app)).sort(), ['ddl', 'dist', 'node_modules', 'package.json'])

  const name = `deploy_migrate_${process.pid}_${randomBytes(4).toString('hex')}`
  const url = new URL(adminDatabaseUrl)
  url.pathname = `/${name}`
  t.teardown(async () => {
    const admin = new pg.Client({ connectionString: adminDatabaseUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`)
    await admin.end()
  })

  const first = await runToExit(image.cmd!, app, { ...image.env, DATABASE_URL: url.toString() })
  t.strictSame(first.exit, { code: 0, signal: null }, first.output)
  t.match(first.output, `migrate: created database ${name}`)
  const second = await runToExit(image.cmd!, app, { ...image.env, DATABASE_URL: url.toString() })
  t.strictSame(second.exit, { code: 0, signal: null }, second.output)
  t.match(second.output, /migrate: up to date \(\d+ files\)/)

  const applied = 'select path, checksum from migrations.applied_files order by path'
  const migrated = new pg.Client({ connectionString: url.toString() })
  await migrated.connect()
  const { rows } = await migrated.query(applied)
  await migrated.end()
  const { pool } = await createTestDatabase(t)
  t.strictSame(rows, (await pool.query(applied)).rows)
  t.ok(rows.length > 10)
})

/**
 * Runs the Dockerfile's deploy step for `service`: the deploy stage's RUN, from the repository
 * as from the build stage's WORKDIR, with /out in a temporary directory (removed at teardown).
 */
async function deploy (t: Test, service: string): Promise<string> {
  const command = imageOf(dockerfile, 'deploy').runs.find(run => run.includes(' deploy '))
  if (command === undefined || !command.endsWith(' /out')) throw new Error(`no deploy step into /out in the Dockerfile: ${command}`)
  const dir = await mkdtemp(join(tmpdir(), `dockerfile-${service}-`))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const out = join(dir, 'out')
  // The shell expands ${SERVICE}, as in the build.
  const deployed = await runToExit(['/bin/sh', '-c', `${command.slice(0, -' /out'.length)} '${out}'`], REPO_ROOT, { ...pnpmEnvironment(), SERVICE: service })
  if (deployed.exit.code !== 0) throw new Error(`the deploy step for ${service} failed:\n${deployed.output}`)
  return out
}

/** Lays out in an app directory (the image's WORKDIR) what the image's COPY instructions take. */
async function layOut (t: Test, image: Image, out: string): Promise<string> {
  const app = await mkdtemp(join(tmpdir(), 'dockerfile-app-'))
  t.teardown(() => rm(app, { recursive: true, force: true }))
  for (const copy of image.copies) {
    for (const source of copy.sources) {
      const destination = join(app, copy.destination)
      if (copy.from === 'deploy' && source.startsWith('/out/')) await rename(join(out, source.slice('/out/'.length)), destination)
      else if (copy.from === null) await cp(join(REPO_ROOT, source), destination, { recursive: true })
      else throw new Error(`COPY --from=${copy.from} ${source} is not reproduced here`)
    }
  }
  return app
}

// The caller's environment but what a package script or the test runner adds: the build has neither.
function pnpmEnvironment (): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] =>
    entry[1] !== undefined && !/^(npm_|pnpm_|NODE_OPTIONS$|TAP|_TAPJS)/i.test(entry[0])))
}

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

interface Running {
  exited: Promise<Exit>
  exit: () => Exit | undefined
  output: () => string
  kill: (signal: NodeJS.Signals) => void
}

/** `command` in `cwd` with the image's environment: PATH, then `env`, nothing else. Killed at teardown. */
function runImage (t: Test, image: Image, cwd: string, env: Record<string, string>): Running {
  const running = start(image.cmd!, cwd, { ...image.env, ...env })
  t.teardown(async () => {
    if (running.exit() === undefined) running.kill('SIGKILL')
    await running.exited
  })
  return running
}

async function runToExit (command: string[], cwd: string, env: Record<string, string>): Promise<{ exit: Exit, output: string }> {
  const running = start(command, cwd, env)
  const exit = await running.exited
  return { exit, output: running.output() }
}

function start ([file, ...args]: string[], cwd: string, env: Record<string, string>): Running {
  const child = spawn(file!, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  let exit: Exit | undefined
  const exited = new Promise<Exit>(resolve => {
    child.once('error', error => {
      output += String(error)
      exit = { code: null, signal: null }
      resolve(exit)
    })
    child.once('close', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
  })
  return { exited, exit: () => exit, output: () => output, kill: signal => { child.kill(signal) } }
}
