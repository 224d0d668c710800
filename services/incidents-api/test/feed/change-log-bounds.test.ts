import t from 'tap'
import { randomUUID } from 'node:crypto'
import { canonicalUuid } from '@incident-intel/schemas'
import { createTestRedis } from '@incident-intel/test-support'
import { LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD, changesKey, versionsKey } from '../../src/cache/cache-keys.js'
import { defineCacheScripts, scriptArguments } from '../../src/cache/cache-scripts.js'
import { ChangeLog, compareCursors } from '../../src/cache/change-log.js'

// The scripts' log bounds, on Redis alone: each append trims, and the markers say what went.
const { redis } = await createTestRedis(t)
defineCacheScripts(redis)
const changeLog = new ChangeLog(redis)
const document = Buffer.from('a document')

t.test('by length: the newest CHANGE_LOG_MAX_LENGTH changes stay; the last trimmed is the marker', async t => {
  const organizationId = canonicalUuid(randomUUID())!
  const args = scriptArguments(organizationId, { maxLength: 2, maxAgeMs: 0 })
  for (let version = 1; version <= 4; version++) await redis.writeDocuments(...args, randomUUID(), version, document)
  const entries = await redis.xrange(changesKey(organizationId), '-', '+')
  t.equal(entries.length, 2)
  const [trimmed, floor] = await redis.hmget(versionsKey(organizationId), LOG_TRIMMED_FIELD, LOG_FLOOR_FIELD) as [string, string]
  t.equal(trimmed, floor, 'no reset: the floor is the last entry trimmed')
  t.equal(compareCursors(trimmed, entries[0]![0]), -1)
  const page = await changeLog.read(organizationId, trimmed, 10)
  t.same([page.reset, page.changes.map(change => change.version)], [false, [3, 4]], 'a reader at the last trimmed entry missed nothing')
  const before = await changeLog.read(organizationId, '1-0', 10)
  t.same([before.reset, before.changes], [true, []], 'one before it did')
})

t.test('by age: changes older than CHANGE_LOG_MAX_AGE_MS go at the next append', async t => {
  const organizationId = canonicalUuid(randomUUID())!
  const args = scriptArguments(organizationId, { maxLength: 0, maxAgeMs: 1 })
  await redis.writeDocuments(...args, randomUUID(), 1, document)
  const [first] = (await redis.xrange(changesKey(organizationId), '-', '+'))[0]!
  // Until Redis's clock is 2 ms past the first entry's.
  for (;;) {
    const [seconds, micros] = await redis.time()
    if (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) > Number(first!.split('-')[0]) + 1) break
  }
  await redis.writeDocuments(...args, randomUUID(), 2, document)
  const entries = await redis.xrange(changesKey(organizationId), '-', '+')
  t.same(entries.map(([, fields]) => fields[fields.indexOf('version') + 1]), ['2'])
  t.equal(await redis.hget(versionsKey(organizationId), LOG_TRIMMED_FIELD), first)
})

t.test('0 and 0: no bound', async t => {
  const organizationId = canonicalUuid(randomUUID())!
  const args = scriptArguments(organizationId, { maxLength: 0, maxAgeMs: 0 })
  for (let version = 1; version <= 5; version++) await redis.writeDocuments(...args, randomUUID(), version, document)
  t.equal(await redis.xlen(changesKey(organizationId)), 5)
})
