import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { firstDifference } from './first-difference.js'

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string
  content: string
}

/** The repository root, which generated paths are relative to. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A JSON file as committed: 2-space indentation and a trailing newline. */
export function renderJson (value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/**
 * Writes each file whose content changed. With `check`, writes nothing, prints where each
 * committed file differs from its generated content and sets a failing exit code.
 */
export async function writeGeneratedFiles (files: GeneratedFile[], { check }: { check: boolean }): Promise<void> {
  let stale = 0
  for (const { path, content } of files) {
    const file = join(REPOSITORY_ROOT, path)
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
    console.log(`${files.map(file => file.path).join(', ')}: ${check ? 'up to date' : 'done'}`)
  }
}
