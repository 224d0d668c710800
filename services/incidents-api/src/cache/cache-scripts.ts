import type { Redis, Result } from 'ioredis'

// Each document is written only if its version is higher than the one stored, in one atomic
// script: however refreshes interleave or replicas race, an older document never replaces a newer.
// ARGV: triples of incident_id, version, document ('' removes it). Returns {written, ready, disabled}.
const VERSIONED_WRITE = `
local function write (id, version, document)
  local stored = tonumber(redis.call('HGET', KEYS[2], id))
  if stored ~= nil and version <= stored then return 0 end
  if document == '' then redis.call('HDEL', KEYS[1], id) else redis.call('HSET', KEYS[1], id, document) end
  redis.call('HSET', KEYS[2], id, version)
  return 1
end
`

const WRITE_DOCUMENTS = `${VERSIONED_WRITE}
local written = 0
for i = 1, #ARGV, 3 do
  written = written + write(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2])
end
return {written, redis.call('HEXISTS', KEYS[1], ':ready'), redis.call('HEXISTS', KEYS[1], ':disabled')}
`

// A rebuild: the same versioned writes, then every incident field that the rebuild did not
// name is dropped (it is no longer in the database), and the cache is marked ready.
// ARGV[1]: rebuild time; then triples as above. Returns {written, removed}.
const REPLACE_DOCUMENTS = `${VERSIONED_WRITE}
local named = {}
local written = 0
for i = 2, #ARGV, 3 do
  named[ARGV[i]] = true
  written = written + write(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2])
end
local removed = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 1) ~= ':' and not named[field] then
    redis.call('HDEL', KEYS[1], field)
    removed = removed + 1
  end
end
redis.call('HDEL', KEYS[1], ':disabled')
redis.call('HSET', KEYS[1], ':ready', ARGV[1])
return {written, removed}
`

// The organization's toggle is off: drop its documents and versions and say so.
const DISABLE_DOCUMENTS = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], ':disabled', ARGV[1])
return 1
`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeDocuments (documentsKey: string, versionsKey: string, ...triples: Array<string | Buffer | number>): Result<[number, number, number], Context>
    replaceDocuments (documentsKey: string, versionsKey: string, rebuiltAt: string, ...triples: Array<string | Buffer | number>): Result<[number, number], Context>
    disableDocuments (documentsKey: string, versionsKey: string, disabledAt: string): Result<number, Context>
  }
}

/** Registers the cache's scripts on a client (EVALSHA, loaded on first use). */
export function defineCacheScripts (redis: Redis): void {
  redis.defineCommand('writeDocuments', { numberOfKeys: 2, lua: WRITE_DOCUMENTS })
  redis.defineCommand('replaceDocuments', { numberOfKeys: 2, lua: REPLACE_DOCUMENTS })
  redis.defineCommand('disableDocuments', { numberOfKeys: 2, lua: DISABLE_DOCUMENTS })
}
