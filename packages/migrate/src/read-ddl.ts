import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { MigrationError } from './migration-error.js'

export interface DdlFile {
  /** Relative to the DDL directory, with `/` separators: the name recorded in migrations.applied_files. */
  path: string
  sql: string
  /** sha256 of the file's bytes, hex. */
  checksum: string
}

export interface DdlSet {
  /** In manifest order, which is apply order. */
  files: DdlFile[]
  /** sha256 over the ordered (path, checksum) pairs: changes when any file, name or the order changes. */
  checksum: string
}

/** Reads `ddlDir/manifest.txt` and every file it lists, checking that it lists each .sql file below ddlDir exactly once. */
export async function readDdl (ddlDir: string): Promise<DdlSet> {
  const listed = (await readFile(join(ddlDir, 'manifest.txt'), 'utf8'))
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
  const found = new Set((await readdir(ddlDir, { recursive: true }))
    .filter(path => path.endsWith('.sql'))
    .map(path => path.split(sep).join('/')))

  const problems = [
    ...[...new Set(listed.filter((path, i) => listed.indexOf(path) !== i))].map(path => `listed twice: ${path}`),
    ...listed.filter(path => !found.has(path)).map(path => `listed but missing: ${path}`),
    ...[...found].filter(path => !listed.includes(path)).map(path => `not listed: ${path}`)
  ]
  if (problems.length > 0) {
    throw new MigrationError(`${join(ddlDir, 'manifest.txt')} must list every .sql file below ${ddlDir} exactly once:\n  ${problems.join('\n  ')}`)
  }

  const files = await Promise.all(listed.map(async path => {
    const bytes = await readFile(join(ddlDir, path))
    return { path, sql: bytes.toString('utf8'), checksum: sha256(bytes) }
  }))
  return { files, checksum: sha256(files.map(file => `${file.path}\0${file.checksum}\n`).join('')) }
}

function sha256 (data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}
