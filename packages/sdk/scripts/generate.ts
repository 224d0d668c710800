// Writes openapi/*.json and packages/sdk/src/generated/*.ts from the services' route schemas.
// With --check, writes nothing and exits 1 when a committed file differs from what the code generates.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ROOT, firstDifference, generateFiles } from './generated-files.js'

const check = process.argv.includes('--check')
let stale = 0
for (const { path, content } of await generateFiles()) {
  const file = join(ROOT, path)
  const committed = await readFile(file, 'utf8').catch(() => '')
  if (check) {
    const difference = firstDifference(committed, content)
    if (difference === undefined) continue
    stale++
    console.error(`${path} is not what the code generates (- committed, + generated):\n${difference}\n`)
  } else if (committed !== content) {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
    console.log(`wrote ${path}`)
  }
}
if (stale > 0) {
  console.error(`${stale} generated file(s) are stale: run \`pnpm generate\` and commit the result.`)
  process.exitCode = 1
} else {
  console.log(check ? 'generated files are up to date' : 'done')
}
