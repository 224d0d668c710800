// SQLSTATE classes that mean "the database cannot serve now", not "your request is wrong":
// 08 connection exception, 53 insufficient resources, 57P01..57P03 shutdown and startup.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[123])/
const UNAVAILABLE_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'])
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/

/** True when an error from pg means PostgreSQL is down or unreachable (answer 503), false for anything else. */
export function isDatabaseUnavailable (error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown, message?: unknown }
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code))) return true
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable)
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)
}
