export { migrate, type MigrateOptions, type MigrateResult } from './migrate.js'
export { readDdl, type DdlFile, type DdlSet } from './read-ddl.js'
export { MigrationError } from './migration-error.js'
