import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import t from 'tap'
import { parse } from 'yaml'
import { IncidentsEnvSchema, loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { DEFAULT_PORT as INTEL_REQUESTS_PORT, loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import { serviceEnvSchema } from '@incident-intel/service-kit'
import { composeConfig, type ComposeService } from './helpers/compose-config.js'
import { REPO_ROOT, imageOf, readDockerfile } from './helpers/compose-dockerfile.js'

const run = promisify(execFile)
const config = await composeConfig()
const { services } = config
const service = (name: string): ComposeService => {
  const found = services[name]
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`)
  return found
}

const DATABASE_URL = 'postgres://postgres:postgres@postgres:5432/incident_intel'
const APIS = [
  { name: 'incidents-api', port: 3001, keys: Object.keys(IncidentsEnvSchema.properties), load: loadIncidentsConfig },
  { name: 'intel-requests-api', port: 3002, keys: Object.keys(serviceEnvSchema(INTEL_REQUESTS_PORT).properties), load: loadIntelRequestsConfig }
] as const

t.test('the stack is exactly the data services, the migration, both APIs, Prometheus and the demo seed', async t => {
  t.strictSame(Object.keys(services).sort(), ['demo-data', 'incidents-api', 'intel-requests-api', 'migrate', 'postgres', 'prometheus', 'redis'])
  t.strictSame(Object.keys(config.volumes ?? {}), ['postgres-data'])
  // Only the seed is optional: a plain `up` starts everything else.
  t.strictSame(Object.entries(services).filter(([, { profiles }]) => profiles !== undefined).map(([name, { profiles }]) => [name, profiles]),
    [['demo-data', ['demo']]])
})

t.test('PostgreSQL preloads pg_stat_statements and creates it on first start', async t => {
  const postgres = service('postgres')
  t.equal(postgres.image, 'postgis/postgis:15-3.4')
  t.match(postgres.command?.join(' '), /-c shared_preload_libraries=pg_stat_statements/)
  const init = postgres.volumes?.find(volume => volume.includes('/docker-entrypoint-initdb.d/'))
  t.equal(init, `${REPO_ROOT}docker/postgres/00-pg-stat-statements.sql:/docker-entrypoint-initdb.d/00-pg-stat-statements.sql:ro`)
  t.match(readFileSync(`${REPO_ROOT}docker/postgres/00-pg-stat-statements.sql`, 'utf8'), /create extension if not exists pg_stat_statements/)
})

t.test('every published port is bound to 127.0.0.1 only', async t => {
  const published = Object.entries(services).flatMap(([name, { ports = [] }]) => ports.map(port => `${name} ${port}`)).sort()
  t.strictSame(published, [
    'incidents-api 127.0.0.1:3001:3001/tcp',
    'intel-requests-api 127.0.0.1:3002:3002/tcp',
    'postgres 127.0.0.1:5432:5432/tcp',
    'prometheus 127.0.0.1:9090:9090/tcp',
    'redis 127.0.0.1:6379:6379/tcp'
  ])
})

t.test('every service that is not one-shot has a health check', async t => {
  const checked = Object.entries(services).filter(([, { healthcheck }]) => healthcheck !== undefined).map(([name]) => name).sort()
  t.strictSame(checked, ['incidents-api', 'intel-requests-api', 'postgres', 'prometheus', 'redis'])
})

t.test('Prometheus loads the alert rules and scrapes both APIs on their ports', async t => {
  const prometheus = service('prometheus')
  t.strictSame(prometheus.volumes, [
    `${REPO_ROOT}ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro`,
    `${REPO_ROOT}ops/prometheus/rules:/etc/prometheus/rules:ro`
  ])
  const scrape = parse(readFileSync(`${REPO_ROOT}ops/prometheus/prometheus.yml`, 'utf8')) as {
    rule_files: string[]
    scrape_configs: Array<{ job_name: string, static_configs: Array<{ targets: string[] }> }>
  }
  t.strictSame(scrape.rule_files, ['rules/*.yml'], 'the rules directory, as mounted')
  t.strictSame(scrape.scrape_configs.map(job => [job.job_name, job.static_configs.flatMap(c => c.targets)]),
    APIS.map(api => [api.name, [`${api.name}:${api.port}`]]))
  t.strictSame(prometheus.depends_on, { 'incidents-api': { condition: 'service_started' }, 'intel-requests-api': { condition: 'service_started' } })
})

t.test('the migration runs once PostgreSQL is healthy, from the migrate image', async t => {
  const migrate = service('migrate')
  t.strictSame(migrate.depends_on, { postgres: { condition: 'service_healthy' } })
  t.strictSame(migrate.environment, { DATABASE_URL })
  t.equal(migrate.restart, 'no')
  t.strictSame(migrate.build, { context: REPO_ROOT.replace(/\/$/, ''), target: 'migrate', args: { SERVICE: 'migrate' } })
})

t.test('the demo seed runs after the migration, only with the demo profile', async t => {
  const seed = service('demo-data')
  t.strictSame(seed.depends_on, { migrate: { condition: 'service_completed_successfully' } })
  t.strictSame(seed.command, ['node', 'dist/cli.js', '--replace'], 'a second `up` loads the same set again rather than failing')
  const { stdout: usage } = await run(process.execPath, [`${REPO_ROOT}packages/demo-data/dist/cli.js`, '--help'], { env: { PATH: process.env.PATH ?? '' } })
  t.match(usage, /^\s+--replace\s/m, 'the command line names a flag the CLI has')
  t.strictSame(seed.environment, { DATABASE_URL })
  t.equal(seed.restart, 'no')
  t.strictSame(seed.build, { context: REPO_ROOT.replace(/\/$/, ''), target: 'demo-data', args: { SERVICE: 'demo-data' } })
})

for (const api of APIS) {
  t.test(`${api.name}: starts after the migration, checks /ready, serves 127.0.0.1:${api.port}`, async t => {
    const { depends_on: dependsOn, healthcheck, build, restart } = service(api.name)
    t.strictSame(dependsOn, {
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' }
    })
    t.equal(restart, 'unless-stopped')
    t.strictSame(build, { context: REPO_ROOT.replace(/\/$/, ''), target: 'service', args: { SERVICE: api.name, PORT: String(api.port) } })
    t.strictSame(healthcheck?.test.slice(0, 3), ['CMD', 'node', '-e'])
    t.match(healthcheck?.test[3], `fetch('http://127.0.0.1:${api.port}/ready')`)
  })

  t.test(`${api.name}: every variable it is given is one its configuration knows, and valid`, async t => {
    const environment = service(api.name).environment ?? {}
    t.strictSame(Object.keys(environment).filter(name => !api.keys.includes(name)), [], 'no variable the service would ignore')
    // Throws a ConfigError naming any bad value.
    const loaded = api.load(environment)
    t.strictSame({ DATABASE_URL: loaded.DATABASE_URL, REDIS_URL: loaded.REDIS_URL, HOST: loaded.HOST, PORT: loaded.PORT }, {
      DATABASE_URL,
      REDIS_URL: 'redis://redis:6379',
      HOST: '0.0.0.0',
      PORT: api.port
    })
  })
}

t.test('each build names a Dockerfile target and a workspace package whose image runs it', async t => {
  const dockerfile = readDockerfile()
  const built = Object.entries(services).flatMap(([name, { build }]) => build === undefined ? [] : [{ name, build }])
  t.equal(built.length, 4)
  for (const { name, build } of built) {
    const serviceArg = build.args?.SERVICE ?? ''
    const directory = ['services', 'packages'].map(parent => `${REPO_ROOT}${parent}/${serviceArg}`).find(path => existsSync(`${path}/package.json`))
    t.ok(directory, `${name}: SERVICE=${serviceArg} is a workspace package`)
    const manifest = JSON.parse(readFileSync(`${directory}/package.json`, 'utf8')) as { name: string }
    t.equal(manifest.name, `@incident-intel/${serviceArg}`)
    const image = imageOf(dockerfile, build.target ?? null, build.args)
    // The image runs a compiled entry point of that package.
    const entry = image.cmd?.find(part => part.startsWith('dist/')) ?? ''
    t.match(entry, /^dist\/[\w/-]+\.js$/, `${name}: runs a file of dist/`)
    t.ok(existsSync(`${directory}/${entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`), `${name}: ${entry} is compiled from the package's source`)
    if (build.args?.PORT !== undefined) t.strictSame(image.expose, [build.args.PORT], `${name}: exposes its port`)
  }
})
