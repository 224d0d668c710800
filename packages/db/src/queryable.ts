import type { QueryConfig, QueryResult, QueryResultRow } from 'pg'

/**
 * What a pool, a pooled client and a test's query counter have in common. A config with a
 * `name` is prepared once per connection, which spares the hot queries their planning.
 */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(textOrConfig: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>
}
