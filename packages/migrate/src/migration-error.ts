/** Why migrate refused to run or stopped: a DDL set that is inconsistent, an applied file that changed, or a file that failed. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}
