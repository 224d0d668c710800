import type { QueryResult, QueryResultRow } from 'pg'

/** What a pool, a pooled client and a test's query counter have in common. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>
}
