export type { Queryable } from './queryable.js'
export { withTransaction } from './with-transaction.js'
export { isDatabaseUnavailable } from './database-unavailable.js'
