import type { Redis, Result } from 'ioredis'
import { DISABLED_FIELD, FLOOR_FIELD, READY_FIELD, REVISION_FIELD } from './cache-keys.js'

// The markers, from the one module that names them.
const MARKERS = `
local READY, DISABLED, FLOOR, REVISION = '${READY_FIELD}', '${DISABLED_FIELD}', '${FLOOR_FIELD}', '${REVISION_FIELD}'
local function is_marker (field) return string.sub(field, 1, 1) == ':' end
-- Every change of a document moves the organization list's ETag.
local function revise (changed) if changed > 0 then redis.call('HINCRBY', KEYS[1], REVISION, 1) end end
`

// Each document is written only if its version is higher than the one stored, in one atomic
// script: however refreshes interleave or replicas race, an older document never replaces a newer.
// An incident whose version was pruned compares with the organization's floor instead, the
// highest version ever pruned, so a late write of an older document is still refused.
// ARGV: triples of incident_id, version, document ('' removes it). Returns {written, ready, disabled}.
const VERSIONED_WRITE = `${MARKERS}
local function write (id, version, document)
  local stored = tonumber(redis.call('HGET', KEYS[2], id) or redis.call('HGET', KEYS[2], FLOOR))
  if stored ~= nil and version <= stored then return 0 end
  if document == '' then revise(redis.call('HDEL', KEYS[1], id)) else redis.call('HSET', KEYS[1], id, document); revise(1) end
  redis.call('HSET', KEYS[2], id, version)
  return 1
end
local function raise_floor (floor)
  local stored = tonumber(redis.call('HGET', KEYS[2], FLOOR))
  if stored == nil or stored < floor then redis.call('HSET', KEYS[2], FLOOR, floor) end
end
`

const WRITE_DOCUMENTS = `${VERSIONED_WRITE}
local written = 0
for i = 1, #ARGV, 3 do
  written = written + write(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2])
end
return {written, redis.call('HEXISTS', KEYS[1], READY), redis.call('HEXISTS', KEYS[1], DISABLED)}
`

// A rebuild writes its documents in chunks (WRITE_DOCUMENTS), each with a version above the
// rebuild's floor, then finishes here: what is below the floor was not written by it, so it is no
// longer current: its document and version go, the floor covers them, and the cache is ready.
// ARGV[1]: rebuild time, ARGV[2]: floor. Returns the number of documents removed.
const FINISH_REBUILD = `${VERSIONED_WRITE}
local floor = tonumber(ARGV[2])
local versions = redis.call('HGETALL', KEYS[2])
for i = 1, #versions, 2 do
  if not is_marker(versions[i]) and tonumber(versions[i + 1]) < floor then redis.call('HDEL', KEYS[2], versions[i]) end
end
local removed = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not is_marker(field) and redis.call('HEXISTS', KEYS[2], field) == 0 then
    redis.call('HDEL', KEYS[1], field)
    removed = removed + 1
  end
end
revise(removed)
raise_floor(floor)
redis.call('HDEL', KEYS[1], DISABLED)
redis.call('HSET', KEYS[1], READY, ARGV[1])
return removed
`

// Version history of incidents no longer current, pruned: each goes (with any document left)
// unless Redis holds a newer version than the database named, and the floor rises to cover it.
// ARGV: pairs of incident_id, version. Returns the number pruned.
const PRUNE_VERSIONS = `${VERSIONED_WRITE}
local pruned = 0
local highest = 0
for i = 1, #ARGV, 2 do
  local version = tonumber(ARGV[i + 1])
  local stored = tonumber(redis.call('HGET', KEYS[2], ARGV[i]))
  if stored == nil or stored <= version then
    revise(redis.call('HDEL', KEYS[1], ARGV[i]))
    redis.call('HDEL', KEYS[2], ARGV[i])
    pruned = pruned + 1
  end
  if version > highest then highest = version end
end
raise_floor(highest)
return pruned
`

// The organization's toggle is off (ARGV[1]: when), or it is gone (ARGV[1] ''): its documents and
// versions go, and the floor (ARGV[2]) keeps any late write of an older document out.
const DROP_DOCUMENTS = `${MARKERS}
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[2], FLOOR, ARGV[2])
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], DISABLED, ARGV[1]) end
return 1
`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeDocuments (documentsKey: string, versionsKey: string, ...triples: Array<string | Buffer | number>): Result<[number, number, number], Context>
    finishRebuild (documentsKey: string, versionsKey: string, rebuiltAt: string, floor: number): Result<number, Context>
    pruneVersions (documentsKey: string, versionsKey: string, ...pairs: Array<string | number>): Result<number, Context>
    dropDocuments (documentsKey: string, versionsKey: string, disabledAt: string, floor: number): Result<number, Context>
  }
}

/** Registers the cache's scripts on a client (EVALSHA, loaded on first use). */
export function defineCacheScripts (redis: Redis): void {
  redis.defineCommand('writeDocuments', { numberOfKeys: 2, lua: WRITE_DOCUMENTS })
  redis.defineCommand('finishRebuild', { numberOfKeys: 2, lua: FINISH_REBUILD })
  redis.defineCommand('pruneVersions', { numberOfKeys: 2, lua: PRUNE_VERSIONS })
  redis.defineCommand('dropDocuments', { numberOfKeys: 2, lua: DROP_DOCUMENTS })
}
