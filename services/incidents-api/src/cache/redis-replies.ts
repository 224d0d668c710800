import type { ChainableCommander } from 'ioredis'

class RedisUnavailableError extends Error {}

/** A pipeline's or a MULTI's replies, in order: the first command's error is thrown, a discarded batch is Redis being unavailable. */
export async function execBatch (batch: ChainableCommander): Promise<unknown[]> {
  const replies = await batch.exec()
  if (replies === null) throw new RedisUnavailableError('Redis discarded the pipeline or transaction')
  return replies.map(([error, result]) => {
    if (error) throw error
    return result
  })
}

/** Errors from ioredis (down, timed out, refused) rather than from PostgreSQL or our code. */
export function isRedisError (error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true
  if (!(error instanceof Error)) return false
  // ioredis 6 answers an error reply with subclasses of ReplyError (SimpleError, BlobError) named ReplyError.
  return [error.name, error.constructor.name].some(name => ['ReplyError', 'MaxRetriesPerRequestError', 'AbortError', 'ClusterAllFailedError'].includes(name)) ||
    /Connection is closed|Command timed out|Stream isn't writeable|enableOfflineQueue|ECONNREFUSED|ECONNRESET|Too many Cluster redirections/.test(error.message)
}
