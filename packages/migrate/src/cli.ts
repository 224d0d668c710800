#!/usr/bin/env node
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { redactPassword } from '@incident-intel/db'
import { migrate } from './migrate.js'
import { MigrationError } from './migration-error.js'

const USAGE = `usage: migrate [--database-url URL] [--ddl DIR]

Applies the files listed in DIR/manifest.txt that the database has not applied yet,
creating the database when it does not exist.

  --database-url URL  default: $DATABASE_URL, else postgres://postgres@127.0.0.1:5432/incident_intel
  --ddl DIR           default: the repo's ddl/app
  -h, --help          print this and exit`

try {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      ddl: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    console.log(USAGE)
  } else {
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/incident_intel'
    // Relative to dist/cli.js, so it finds the repo's DDL from any working directory.
    const ddlDir = values.ddl ?? fileURLToPath(new URL('../../../ddl/app', import.meta.url))
    const log = (line: string): void => console.log(`migrate: ${line}`)
    log(`database ${redactPassword(databaseUrl)}`)
    await migrate({ databaseUrl, ddlDir, log })
  }
} catch (error) {
  console.error(error instanceof MigrationError ? `migrate: ${error.message}` : error)
  process.exitCode = 1
}
