import type { Queryable } from '@incident-intel/db'

/**
 * How a column travels: as a typed array parameter, or as text turned into its value by SQL
 * (`geojson` into a geometry, `jsonb` parsed).
 */
type ColumnKind = 'uuid' | 'text' | 'integer' | 'timestamptz' | 'jsonb' | 'geojson'

interface TableSpec {
  table: string
  columns: Readonly<Record<string, ColumnKind>>
}

/** The tables the demo data writes, and the columns it fills (the only identifiers it ever sends). */
export const TABLES = {
  'organizations.organizations': {
    organization_id: 'uuid', name: 'text', metadata: 'jsonb', created: 'timestamptz', updated: 'timestamptz'
  },
  'locations.locations': {
    location_id: 'uuid',
    organization_id: 'uuid',
    location: 'geojson',
    thoroughfare: 'text',
    locality: 'text',
    administrative_area: 'text',
    postal_code: 'text',
    country: 'text',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'assets.assets': {
    asset_id: 'uuid',
    organization_id: 'uuid',
    asset_name: 'text',
    asset_type_id: 'uuid',
    location_id: 'uuid',
    metadata: 'jsonb',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'incidents.incidents': {
    incident_id: 'uuid',
    organization_id: 'uuid',
    location_id: 'uuid',
    title: 'text',
    incident_type: 'text',
    status: 'text',
    started: 'timestamptz',
    resolved: 'timestamptz',
    metadata: 'jsonb',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'incidents.outages': {
    outage_id: 'uuid',
    incident_id: 'uuid',
    organization_id: 'uuid',
    location_id: 'uuid',
    utility_name: 'text',
    status: 'text',
    started: 'timestamptz',
    restored: 'timestamptz',
    customers_affected: 'integer',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'incidents.internet_outages': {
    internet_outage_id: 'uuid',
    incident_id: 'uuid',
    organization_id: 'uuid',
    provider: 'text',
    started: 'timestamptz',
    restored: 'timestamptz',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'incidents.incident_assets': {
    incident_id: 'uuid', asset_id: 'uuid', organization_id: 'uuid', created: 'timestamptz'
  },
  'intel_requests.intel_requests': {
    intel_request_id: 'uuid',
    organization_id: 'uuid',
    asset_id: 'uuid',
    location_id: 'uuid',
    request_type: 'text',
    status: 'text',
    priority: 'text',
    description: 'text',
    metadata: 'jsonb',
    created: 'timestamptz',
    updated: 'timestamptz'
  },
  'dependencies.dependencies': {
    dependency_id: 'uuid',
    organization_id: 'uuid',
    blocker_type: 'text',
    blocker_id: 'uuid',
    dependent_type: 'text',
    dependent_id: 'uuid',
    created: 'timestamptz'
  }
} as const satisfies Record<string, TableSpec['columns']>

export type TableName = keyof typeof TABLES
export type Row<T extends TableName> = { [C in keyof typeof TABLES[T]]: unknown }

/** Rows of one table held column by column, ready to be sent as arrays. */
export class RowSet<T extends TableName> {
  readonly table: T
  readonly #names: string[]
  readonly #columns: Record<string, unknown[]>
  #length = 0

  constructor (table: T) {
    this.table = table
    this.#names = Object.keys(TABLES[table])
    this.#columns = Object.fromEntries(this.#names.map(column => [column, []]))
  }

  get length (): number {
    return this.#length
  }

  push (row: Row<T>): void {
    for (const column of this.#names) {
      this.#columns[column]!.push((row as Record<string, unknown>)[column] ?? null)
    }
    this.#length++
  }

  column (name: keyof typeof TABLES[T] & string): unknown[] {
    return this.#columns[name]!
  }

  slice (start: number, end: number): unknown[][] {
    return this.#names.map(column => this.#columns[column]!.slice(start, end))
  }
}

const PARAMETER_TYPE: Record<ColumnKind, string> = {
  uuid: 'uuid[]', text: 'text[]', integer: 'integer[]', timestamptz: 'timestamptz[]', jsonb: 'text[]', geojson: 'text[]'
}

function valueExpression (column: string, kind: ColumnKind): string {
  if (kind === 'jsonb') return `v.${column}::jsonb`
  if (kind === 'geojson') return `st_setsrid(st_geomfromgeojson(v.${column}), 4326)`
  return `v.${column}`
}

/** One multi-row insert per batch: `insert … select … from unnest($1::uuid[], …)`. */
function insertSql (table: TableName): string {
  const columns = Object.entries(TABLES[table] as Record<string, ColumnKind>)
  const names = columns.map(([column]) => column)
  const parameters = columns.map(([, kind], index) => `$${index + 1}::${PARAMETER_TYPE[kind]}`)
  return `insert into ${table} (${names.join(', ')})
          select ${columns.map(([column, kind]) => valueExpression(column, kind)).join(', ')}
            from unnest(${parameters.join(', ')}) as v (${names.join(', ')})`
}

const INSERT_SQL = Object.fromEntries(
  (Object.keys(TABLES) as TableName[]).map(table => [table, insertSql(table)])
) as Record<TableName, string>

/** Inserts the rows in batches, calling `onBatch` with the rows done so far; returns the rows inserted. */
export async function insertRows (
  db: Queryable, rows: RowSet<TableName>, batchSize: number, onBatch: (done: number) => void
): Promise<number> {
  let inserted = 0
  for (let start = 0; start < rows.length; start += batchSize) {
    const end = Math.min(start + batchSize, rows.length)
    const result = await db.query(INSERT_SQL[rows.table], rows.slice(start, end))
    inserted += result.rowCount ?? 0
    onBatch(end)
  }
  return inserted
}
