// Fails when the workspace's package graph (dev dependencies included) has a cycle or an edge
// that points up: `pnpm -r` orders packages by this graph, and a cycle leaves the order to chance.
//   node scripts/check-workspace-graph.mjs [--print]   (--print: each package's workspace dependencies)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']

// Edges that point up, by the dependent's and the dependency's folder.
const FORBIDDEN = [
  { from: /^packages\//, to: /^services\//, why: 'packages sit below the services' },
  { from: /^services\//, to: /^packages\/sdk$/, why: 'the SDK is generated from the services\' documents; no service uses it' },
  { from: /./, to: /^(bench|e2e)$/, why: 'benchmarks and end-to-end tests sit at the top: nothing depends on them' }
]

function readWorkspace () {
  const listed = JSON.parse(execFileSync('pnpm', ['ls', '-r', '--json', '--depth', '-1'], { cwd: ROOT, encoding: 'utf8' }))
  const packages = new Map(listed.map(({ name, path }) => [name, { name, dir: relative(ROOT, path) || '.', dependsOn: [] }]))
  for (const pkg of packages.values()) {
    const manifest = JSON.parse(readFileSync(join(ROOT, pkg.dir, 'package.json'), 'utf8'))
    const names = new Set(FIELDS.flatMap(field => Object.keys(manifest[field] ?? {})))
    pkg.dependsOn = [...names].filter(name => packages.has(name)).sort()
  }
  return packages
}

/** Each cycle once, as the names along it, the first repeated at the end. */
function findCycles (packages) {
  const cycles = []
  const state = new Map() // name -> 'visiting' | 'done'
  const stack = []
  const visit = (name) => {
    state.set(name, 'visiting')
    stack.push(name)
    for (const next of packages.get(name).dependsOn) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(name, 'done')
  }
  for (const name of [...packages.keys()].sort()) if (!state.has(name)) visit(name)
  return cycles
}

function findUpwardEdges (packages) {
  const problems = []
  for (const pkg of packages.values()) {
    for (const name of pkg.dependsOn) {
      const dependency = packages.get(name)
      const rule = FORBIDDEN.find(({ from, to }) => from.test(pkg.dir) && to.test(dependency.dir))
      if (rule) problems.push(`${pkg.name} (${pkg.dir}) depends on ${name} (${dependency.dir}): ${rule.why}`)
    }
  }
  return problems
}

const packages = readWorkspace()
if (process.argv.includes('--print')) {
  for (const pkg of [...packages.values()].sort((a, b) => a.dir.localeCompare(b.dir))) {
    console.log(`${pkg.dir.padEnd(28)} -> ${pkg.dependsOn.map(name => name.replace('@incident-intel/', '')).join(', ') || '(none)'}`)
  }
}
const problems = [
  ...findCycles(packages).map(cycle => `cycle: ${cycle.join(' -> ')}`),
  ...findUpwardEdges(packages)
]
if (problems.length > 0) {
  console.error(`The workspace graph (dev dependencies included) is wrong:\n${problems.map(line => `  ${line}`).join('\n')}`)
  process.exitCode = 1
} else {
  const edges = [...packages.values()].reduce((sum, pkg) => sum + pkg.dependsOn.length, 0)
  console.log(`workspace graph: ${packages.size} packages, ${edges} workspace dependencies, no cycle, none pointing up`)
}
