import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Result } from 'ioredis'
import type { RedisClient } from '@incident-intel/service-kit'
import { MARKER_ARGUMENTS, changesKey, documentsKey, versionsKey } from './cache-keys.js'

// Every script takes the organization's three keys (documents, versions, changes), then the marker
// names from cache-keys.ts (the one module that spells them), then the change log's settings, then
// its own arguments from ARGV[FIRST] on.
const MARKERS = `
local PREFIX, READY, DISABLED, FLOOR, ORGANIZATION, REVISION = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local LOG_FLOOR, LOG_TRIMMED = ARGV[7], ARGV[8]
local LOG_MAX_LENGTH, LOG_MAX_AGE, LOG_EACH = tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11] == '1'
local FIRST = ${MARKER_ARGUMENTS.length + 4}
local function is_marker (field) return string.sub(field, 1, #PREFIX) == PREFIX end
-- Every change of a document moves the organization list's ETag.
local function revise (changed) if changed > 0 then redis.call('HINCRBY', KEYS[1], REVISION, 1) end end
`

// The change log (a stream) is appended in the same script that changes the hash, so the two never
// disagree. Two markers follow it (cache-keys.ts): the last entry trimmed, below which a reader has
// missed changes, and the floor, the newest of that and the last reset, where a new reader starts.
const CHANGE_LOG = `
local function stream_id (id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function raise_marker (field, id)
  local stored = redis.call('HGET', KEYS[2], field)
  if stored then
    local sms, sseq = stream_id(stored)
    local ms, seq = stream_id(id)
    if ms < sms or (ms == sms and seq <= sseq) then return end
  end
  redis.call('HSET', KEYS[2], field, id)
end
local function raise_log_floor (id) raise_marker(LOG_FLOOR, id) end
-- The id just before an entry's: nothing a reader at it has missed is in the log.
local function before (id)
  local ms, seq = stream_id(id)
  if seq > 0 then return string.format('%.0f-%.0f', ms, seq - 1) end
  return string.format('%.0f-18446744073709551615', ms - 1)
end
local function trimmed_through (id)
  raise_marker(LOG_TRIMMED, id)
  raise_marker(LOG_FLOOR, id)
end
local function trim_log ()
  if LOG_MAX_LENGTH > 0 then
    local excess = redis.call('XLEN', KEYS[3]) - LOG_MAX_LENGTH
    if excess > 0 then
      local trimmed = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', excess)
      trimmed_through(trimmed[#trimmed][1])
      redis.call('XTRIM', KEYS[3], 'MAXLEN', LOG_MAX_LENGTH)
    end
  end
  if LOG_MAX_AGE > 0 then
    local now = redis.call('TIME')
    local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - LOG_MAX_AGE
    local older = redis.call('XREVRANGE', KEYS[3], '(' .. cutoff .. '-0', '-', 'COUNT', 1)
    if #older > 0 then
      trimmed_through(older[1][1])
      redis.call('XTRIM', KEYS[3], 'MINID', cutoff .. '-0')
    end
  end
end
-- Appends one change: kind and, unless a reset, incident_id, version and (an upsert) the document.
local function log_change (kind, id, version, document)
  local fresh = redis.call('EXISTS', KEYS[3]) == 0
  local entry
  if kind == 'reset' then entry = redis.call('XADD', KEYS[3], '*', 'kind', kind)
  elseif document then entry = redis.call('XADD', KEYS[3], '*', 'kind', kind, 'incident_id', id, 'version', version, 'document', document)
  else entry = redis.call('XADD', KEYS[3], '*', 'kind', kind, 'incident_id', id, 'version', version) end
  -- A log made anew (after a flush) holds nothing from before: as if trimmed up to its first entry.
  if fresh then trimmed_through(before(entry)) end
  if kind == 'reset' then raise_log_floor(entry) end
  trim_log()
end
`

// Each document is written only if its version is higher than the one stored, in one atomic
// script: however refreshes interleave or replicas race, an older document never replaces a newer.
// An incident whose version was pruned compares with the organization's floor instead, the
// highest version ever pruned, so a late write of an older document is still refused.
// A write logs its change unless the caller logs one reset for all (a rebuild's chunks, LOG_EACH off);
// removing a document not held changes nothing a reader has, so it is not logged.
const VERSIONED_WRITE = `${MARKERS}${CHANGE_LOG}
local function write (id, version, document)
  local stored = tonumber(redis.call('HGET', KEYS[2], id) or redis.call('HGET', KEYS[2], FLOOR))
  if stored ~= nil and version <= stored then return 0 end
  if document == '' then
    local removed = redis.call('HDEL', KEYS[1], id)
    revise(removed)
    if removed > 0 and LOG_EACH then log_change('remove', id, version) end
  else
    redis.call('HSET', KEYS[1], id, document)
    revise(1)
    if LOG_EACH then log_change('upsert', id, version, document) end
  end
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
// rolled back) changes nothing. Applied, it logs a reset: the rebuild's chunks changed documents
// without an entry each (refused, the store logs one if its chunks wrote any). ARGV: rebuild time,
// floor. Returns the documents removed, or -1.
const FINISH_REBUILD = `${VERSIONED_WRITE}
local floor = tonumber(ARGV[FIRST + 1])
if not claim_organization(floor) then return -1 end
log_change('reset')
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
    local removed = redis.call('HDEL', KEYS[1], ARGV[i])
    revise(removed)
    if removed > 0 then log_change('remove', ARGV[i], version) end
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
// late reply), it changes nothing. Applied, it logs a reset. Returns 1 when applied, 0 when refused.
const DROP_DOCUMENTS = `${VERSIONED_WRITE}
local floor = tonumber(ARGV[FIRST + 1])
if not claim_organization(floor) then return 0 end
remove_below(floor)
log_change('reset')
redis.call('HDEL', KEYS[1], READY)
if ARGV[FIRST] ~= '' then redis.call('HSET', KEYS[1], DISABLED, ARGV[FIRST]) else redis.call('HDEL', KEYS[1], DISABLED) end
return 1
`

// Logs a reset alone: a rebuild that wrote chunks and then failed, or whose finish was refused.
const LOG_RESET = `${MARKERS}${CHANGE_LOG}
log_change('reset')
return 1
`

type Argument = string | Buffer | number

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeDocuments (...args: Argument[]): Result<[number, number, number], Context>
    finishRebuild (...args: Argument[]): Result<number, Context>
    pruneVersions (...args: Argument[]): Result<number, Context>
    dropDocuments (...args: Argument[]): Result<number, Context>
    logReset (...args: Argument[]): Result<number, Context>
  }
}

/** How long the change log grows: entries and age (0: no bound of that kind), checked on each append. */
export interface ChangeLogBounds {
  maxLength: number
  maxAgeMs: number
}

/** The defaults of CHANGE_LOG_MAX_LENGTH and CHANGE_LOG_MAX_AGE_MS. */
export const CHANGE_LOG_DEFAULTS: ChangeLogBounds = { maxLength: 10_000, maxAgeMs: 24 * 60 * 60 * 1000 }

/**
 * What every cache script of the organization starts with: its keys, the marker names, the change
 * log's bounds, and whether each document written is logged (off for a rebuild's chunks).
 */
export function scriptArguments (organizationId: CanonicalUuid, bounds: ChangeLogBounds = CHANGE_LOG_DEFAULTS, logEach = true): Argument[] {
  return [
    documentsKey(organizationId), versionsKey(organizationId), changesKey(organizationId), ...MARKER_ARGUMENTS,
    bounds.maxLength, bounds.maxAgeMs, logEach ? '1' : '0'
  ]
}

/** Registers the cache's scripts on a client (EVALSHA, loaded on first use). */
export function defineCacheScripts (redis: RedisClient): void {
  redis.defineCommand('writeDocuments', { numberOfKeys: 3, lua: WRITE_DOCUMENTS })
  redis.defineCommand('finishRebuild', { numberOfKeys: 3, lua: FINISH_REBUILD })
  redis.defineCommand('pruneVersions', { numberOfKeys: 3, lua: PRUNE_VERSIONS })
  redis.defineCommand('dropDocuments', { numberOfKeys: 3, lua: DROP_DOCUMENTS })
  redis.defineCommand('logReset', { numberOfKeys: 3, lua: LOG_RESET })
}
