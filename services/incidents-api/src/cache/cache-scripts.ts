import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Redis, Result } from 'ioredis'
import { MARKER_ARGUMENTS, documentsKey, versionsKey } from './cache-keys.js'

// Every script takes the organization's two keys, then the marker names from cache-keys.ts (the
// one module that spells them), then its own arguments from ARGV[FIRST] on.
const MARKERS = `
local PREFIX, READY, DISABLED, FLOOR, ORGANIZATION, REVISION = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local FIRST = ${MARKER_ARGUMENTS.length + 1}
local function is_marker (field) return string.sub(field, 1, #PREFIX) == PREFIX end
-- Every change of a document moves the organization list's ETag.
local function revise (changed) if changed > 0 then redis.call('HINCRBY', KEYS[1], REVISION, 1) end end
`

// Each document is written only if its version is higher than the one stored, in one atomic
// script: however refreshes interleave or replicas race, an older document never replaces a newer.
// An incident whose version was pruned compares with the organization's floor instead, the
// highest version ever pruned, so a late write of an older document is still refused.
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
-- An organization-wide operation applies only if it is newer than the last one applied.
local function claim_organization (version)
  local stored = tonumber(redis.call('HGET', KEYS[2], ORGANIZATION))
  if stored ~= nil and version <= stored then return false end
  redis.call('HSET', KEYS[2], ORGANIZATION, version)
  return true
end
-- Removes every incident whose version is below the floor, and every document without a version.
local function remove_below (floor)
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
  return removed
end
`

// ARGV: triples of incident_id, version, document ('' removes it). Returns {written, ready, disabled}.
const WRITE_DOCUMENTS = `${VERSIONED_WRITE}
local written = 0
for i = FIRST, #ARGV, 3 do
  written = written + write(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2])
end
return {written, redis.call('HEXISTS', KEYS[1], READY), redis.call('HEXISTS', KEYS[1], DISABLED)}
`

// A rebuild writes its documents in chunks (WRITE_DOCUMENTS), each with a version above the
// rebuild's floor, then finishes here: what is below the floor was not written by it, so it is no
// longer current: its document and version go, the floor covers them, and the cache is ready.
// A finish older than the last organization-wide operation (a late reply of a rebuild that
// rolled back) changes nothing. ARGV: rebuild time, floor. Returns the documents removed, or -1.
const FINISH_REBUILD = `${VERSIONED_WRITE}
local floor = tonumber(ARGV[FIRST + 1])
if not claim_organization(floor) then return -1 end
local removed = remove_below(floor)
redis.call('HDEL', KEYS[1], DISABLED)
redis.call('HSET', KEYS[1], READY, ARGV[FIRST])
return removed
`

// Version history of incidents no longer current, pruned: each goes (with any document left)
// unless Redis holds a newer version than the database named, and the floor rises to cover it.
// ARGV: pairs of incident_id, version. Returns the number pruned.
const PRUNE_VERSIONS = `${VERSIONED_WRITE}
local pruned = 0
local highest = 0
for i = FIRST, #ARGV, 2 do
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

// The organization's toggle is off (ARGV: when, floor), or it is gone (when ''): what was written
// below the floor goes, the floor keeps any late write of an older document out, and reads go to
// the database. Documents above the floor were written after it (a rebuild that turned the toggle
// back on, whose finish comes next) and stay. Older than the last organization-wide operation (a
// late reply), it changes nothing. Returns 1 when applied, 0 when refused.
const DROP_DOCUMENTS = `${VERSIONED_WRITE}
local floor = tonumber(ARGV[FIRST + 1])
if not claim_organization(floor) then return 0 end
remove_below(floor)
redis.call('HDEL', KEYS[1], READY)
if ARGV[FIRST] ~= '' then redis.call('HSET', KEYS[1], DISABLED, ARGV[FIRST]) else redis.call('HDEL', KEYS[1], DISABLED) end
return 1
`

type Argument = string | Buffer | number

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeDocuments (...args: Argument[]): Result<[number, number, number], Context>
    finishRebuild (...args: Argument[]): Result<number, Context>
    pruneVersions (...args: Argument[]): Result<number, Context>
    dropDocuments (...args: Argument[]): Result<number, Context>
  }
}

/** What every cache script of the organization starts with: its keys, then the marker names. */
export function scriptArguments (organizationId: CanonicalUuid): string[] {
  return [documentsKey(organizationId), versionsKey(organizationId), ...MARKER_ARGUMENTS]
}

/** Registers the cache's scripts on a client (EVALSHA, loaded on first use). */
export function defineCacheScripts (redis: Redis): void {
  redis.defineCommand('writeDocuments', { numberOfKeys: 2, lua: WRITE_DOCUMENTS })
  redis.defineCommand('finishRebuild', { numberOfKeys: 2, lua: FINISH_REBUILD })
  redis.defineCommand('pruneVersions', { numberOfKeys: 2, lua: PRUNE_VERSIONS })
  redis.defineCommand('dropDocuments', { numberOfKeys: 2, lua: DROP_DOCUMENTS })
}
