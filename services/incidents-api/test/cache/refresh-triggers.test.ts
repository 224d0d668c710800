import t from 'tap'
import { createTestDatabase, readAppDdl } from '@incident-intel/test-support'
import { REFRESH_CHANNEL } from '../../src/cache/refresh-queue-drainer.js'
import { DOCUMENT_TABLES, SELECT_DOCUMENTS } from '../../src/sql/incident-documents.js'

// What the document reads (incident-documents.ts) and which writes refresh it (the triggers)
// are written in two places; this file ties them through the catalog of a migrated database.

const { pool } = await createTestDatabase(t)

// Definitions of ddl/ that a later file replaced on purpose, with the files of the old ones.
// A function defined again anywhere else fails the test: no replacement is silent.
const SUPERSEDED: Record<string, string[]> = {
  'current_incidents.enqueue': ['schemata/current_incidents/triggers/00_enqueue_refreshes.sql'],
  'current_incidents.enqueue_for_dependencies': ['schemata/current_incidents/triggers/00_enqueue_refreshes.sql']
}

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h).
const BEFORE = 1 << 1
const EVENTS = { insert: 1 << 2, delete: 1 << 3, update: 1 << 4 } as const

t.test('DOCUMENT_TABLES names exactly the tables the document query reads', async t => {
  const read = new Set([...SELECT_DOCUMENTS.matchAll(/\b(?:from|join)\s+([a-z_]+\.[a-z_]+)\b/g)].map(match => match[1]!))
  t.strictSame([...read].sort(), Object.keys(DOCUMENT_TABLES).sort())
})

t.test('every write to a table the document shows queues a refresh: an after-statement trigger into current_incidents', async t => {
  const { rows } = await pool.query<{ table_name: string, tgtype: number }>(`
    select c.relnamespace::regnamespace::text || '.' || c.relname as table_name, tg.tgtype
      from pg_trigger tg
      join pg_class c on c.oid = tg.tgrelid
      join pg_proc p on p.oid = tg.tgfoid
     where not tg.tgisinternal and tg.tgenabled <> 'D'
       and p.pronamespace = 'current_incidents'::regnamespace`)
  const covered = (table: string, write: keyof typeof EVENTS) =>
    rows.some(row => row.table_name === table && (row.tgtype & BEFORE) === 0 && (row.tgtype & EVENTS[write]) !== 0)
  const missing = Object.entries(DOCUMENT_TABLES).flatMap(([table, writes]) =>
    writes.filter(write => !covered(table, write)).map(write => `${write} on ${table}`))
  t.strictSame(missing, [], 'no write goes unrefreshed')
})

t.test('every trigger function of current_incidents is in use: a replaced trigger leaves no old function behind', async t => {
  const { rows } = await pool.query<{ name: string }>(`
    select p.proname as name
      from pg_proc p
     where p.pronamespace = 'current_incidents'::regnamespace and p.prorettype = 'trigger'::regtype
       and not exists (select 1 from pg_trigger tg where tg.tgfoid = p.oid and not tg.tgisinternal)
     order by 1`)
  t.strictSame(rows.map(row => row.name), [])
})

t.test('a function defined twice in ddl/ is a recorded replacement, and the live body is the last one', async t => {
  const definitions = new Map<string, Array<{ path: string, body: string }>>()
  for (const file of (await readAppDdl()).files) {
    for (const match of file.sql.matchAll(/create (?:or replace )?function ([a-z_]+\.[a-z_]+)\s*\([\s\S]*?\$\$([\s\S]*?)\$\$/g)) {
      definitions.set(match[1]!, [...(definitions.get(match[1]!) ?? []), { path: file.path, body: match[2]! }])
    }
  }
  const replaced = Object.fromEntries([...definitions]
    .filter(([, seen]) => seen.length > 1)
    .map(([name, seen]) => [name, seen.slice(0, -1).map(definition => definition.path)]))
  t.strictSame(replaced, SUPERSEDED, 'each replacement is listed in SUPERSEDED')

  const { rows } = await pool.query<{ name: string, body: string }>(`
    select p.pronamespace::regnamespace::text || '.' || p.proname as name, p.prosrc as body
      from pg_proc p where p.pronamespace::regnamespace::text || '.' || p.proname = any($1::text[])`, [Object.keys(SUPERSEDED)])
  for (const { name, body } of rows) t.equal(body, definitions.get(name)!.at(-1)!.body, `${name} is its last definition`)
  t.equal(rows.length, Object.keys(SUPERSEDED).length)
})

t.test('one function enqueues and wakes the drainer, on the channel the drainer listens to', async t => {
  const { rows } = await pool.query<{ name: string, notifies: boolean, inserts: boolean, body: string }>(`
    select p.pronamespace::regnamespace::text || '.' || p.proname as name,
           p.prosrc ~ 'pg_notify|\\mnotify\\M' as notifies,
           p.prosrc ~* 'insert\\s+into\\s+current_incidents\\.refresh_queue' as inserts,
           p.prosrc as body
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_language l on l.oid = p.prolang
     where n.nspname not in ('pg_catalog', 'information_schema') and l.lanname in ('plpgsql', 'sql')`)
  t.strictSame(rows.filter(row => row.notifies).map(row => row.name), ['current_incidents.enqueue'], 'only enqueue notifies')
  t.strictSame(rows.filter(row => row.inserts).map(row => row.name), ['current_incidents.enqueue'], 'only enqueue writes the queue')
  const enqueue = rows.find(row => row.name === 'current_incidents.enqueue')!
  t.strictSame([...enqueue.body.matchAll(/pg_notify\('([^']*)'/g)].map(match => match[1]), [REFRESH_CHANNEL])
})
