import pg from 'pg'

/** A connection of its own for the baselines, so their statement_timeout touches nothing else. */
export async function connectBaselineSession (url: string, statementTimeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, statement_timeout: statementTimeoutMs })
  // A session ended from outside (the database dropped on SIGINT) must not crash the process.
  client.on('error', (error) => console.error(`baseline session: ${error.message}`))
  await client.connect()
  // As the analysis's servers ran: no JIT either side (createPool turns it off for ours).
  await client.query('set jit = off')
  return client
}

const QUERY_CANCELED = '57014'

export function isStatementTimeout (error: unknown): boolean {
  return (error as { code?: string }).code === QUERY_CANCELED
}
