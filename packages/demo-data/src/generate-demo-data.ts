import { Faker, base, en, en_US as enUS } from '@faker-js/faker'
import {
  ASSET_TYPES, DIRECT_REQUESTS, FOLLOW_UP_REQUESTS, INCIDENT_TYPES, INTERNET_PROVIDERS, PRIORITIES,
  REQUEST_CHANNELS, REQUEST_STATUSES, SEVERITIES, SOURCES
} from './catalog.js'
import { assetTypeId, demoId } from './demo-ids.js'
import { RowSet } from './insert-rows.js'
import { organizationPlace, type Metro } from './places.js'
import { Random } from './random.js'

/** Every timestamp is relative to this fixed date, never to now(), so the rows are the same every time. */
export const REFERENCE_DATE = new Date('2026-06-01T12:00:00.000Z')

export interface RegionSizes {
  diamondRoots: number
  diamondDepth: number
  chains: number
  chainLength: number
  cycles: number
}

export interface DemoDataSizes {
  seed: number
  organizations: number
  currentIncidents: number
  smallOrganizationIncidents: number
  regions: RegionSizes
}

export interface RecordRef {
  type: 'incidents' | 'intel_requests' | 'outages' | 'internet_outages' | 'assets'
  id: string
}

export interface DemoDataSet {
  organizations: RowSet<'organizations.organizations'>
  locations: RowSet<'locations.locations'>
  assets: RowSet<'assets.assets'>
  /** The type name of each asset, in row order: asset types are looked up by name when inserted. */
  assetTypeNames: string[]
  incidents: RowSet<'incidents.incidents'>
  outages: RowSet<'incidents.outages'>
  internetOutages: RowSet<'incidents.internet_outages'>
  incidentAssets: RowSet<'incidents.incident_assets'>
  intelRequests: RowSet<'intel_requests.intel_requests'>
  dependencies: RowSet<'dependencies.dependencies'>
  summary: Array<{ organization_id: string, name: string, current_incidents: number }>
  regions: { diamondRoots: RecordRef[], chainRoots: RecordRef[], cycleMembers: RecordRef[] }
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Cycle lengths, in turn. */
const CYCLE_LENGTHS = [2, 3, 7] as const

interface Place {
  locationId: string
  locality: string
  street: string
  lat: number
  lon: number
}

interface Organization {
  id: string
  metro: Metro
  created: number
}

/** Builds the whole data set in memory, deterministically from the seed and sizes. */
export function generateDemoData (sizes: DemoDataSizes): DemoDataSet {
  const { seed } = sizes
  const random = new Random(seed)
  const faker = new Faker({ locale: [enUS, en, base] })
  faker.seed(seed)
  const counters = new Map<string, number>()
  const nextId = (table: string): string => {
    const index = counters.get(table) ?? 0
    counters.set(table, index + 1)
    return demoId(seed, table, index)
  }
  const at = (time: number): string => new Date(Math.min(time, REFERENCE_DATE.getTime())).toISOString()
  const reference = REFERENCE_DATE.getTime()

  const data: DemoDataSet = {
    organizations: new RowSet('organizations.organizations'),
    locations: new RowSet('locations.locations'),
    assets: new RowSet('assets.assets'),
    assetTypeNames: [],
    incidents: new RowSet('incidents.incidents'),
    outages: new RowSet('incidents.outages'),
    internetOutages: new RowSet('incidents.internet_outages'),
    incidentAssets: new RowSet('incidents.incident_assets'),
    intelRequests: new RowSet('intel_requests.intel_requests'),
    dependencies: new RowSet('dependencies.dependencies'),
    summary: [],
    regions: { diamondRoots: [], chainRoots: [], cycleMembers: [] }
  }

  const addLocation = (organization: Organization, geometry: object, place: Omit<Place, 'locationId'>, created: number, address: boolean): string => {
    const locationId = nextId('locations')
    const locality = place.locality
    data.locations.push({
      location_id: locationId,
      organization_id: organization.id,
      location: JSON.stringify(geometry),
      thoroughfare: address ? `${faker.location.buildingNumber()} ${place.street}` : null,
      locality,
      administrative_area: organization.metro.state,
      postal_code: `${random.pick(organization.metro.zipPrefixes)}${String(random.int(1, 99)).padStart(2, '0')}`,
      country: 'US',
      created: at(created),
      updated: at(created)
    })
    return locationId
  }

  /** A point with a street address, clustered around one of the metro's localities, or close to `near`. */
  const addPoint = (organization: Organization, created: number, near?: Place): Place => {
    const town = near ? undefined : random.pick(organization.metro.localities)
    const centre = near ?? town!
    const locality = near?.locality ?? town!.name
    const spread = near ? 0.006 : 0.03
    const lat = round6(centre.lat + random.normal() * spread)
    const lon = round6(centre.lon + random.normal() * spread / Math.cos(centre.lat * Math.PI / 180))
    const place = { locality, street: faker.location.street(), lat, lon }
    const locationId = addLocation(organization, { type: 'Point', coordinates: [lon, lat] }, place, created, true)
    return { ...place, locationId }
  }

  /** An outage area: a rough polygon around a point near the incident. */
  const addArea = (organization: Organization, created: number, near: Place): string => {
    const lat = near.lat + random.normal() * 0.004
    const lon = near.lon + random.normal() * 0.004
    const radiusKm = random.between(0.3, 2.5)
    const vertices = random.int(6, 9)
    const ring: number[][] = []
    for (let i = 0; i < vertices; i++) {
      // Counter-clockwise, as GeoJSON wants an exterior ring.
      const angle = 2 * Math.PI * (i + random.between(-0.3, 0.3)) / vertices
      const radius = radiusKm * random.between(0.7, 1.3)
      ring.push([
        round6(lon + radius / (111.32 * Math.cos(lat * Math.PI / 180)) * Math.cos(angle)),
        round6(lat + radius / 110.57 * Math.sin(angle))
      ])
    }
    ring.push([...ring[0]!])
    return addLocation(organization, { type: 'Polygon', coordinates: [ring] }, { ...near, lat, lon }, created, false)
  }

  const addEdge = (organization: Organization, blocker: RecordRef, dependent: RecordRef, created: number): void => {
    data.dependencies.push({
      dependency_id: nextId('dependencies'),
      organization_id: organization.id,
      blocker_type: blocker.type,
      blocker_id: blocker.id,
      dependent_type: dependent.type,
      dependent_id: dependent.id,
      created: at(created)
    })
  }

  const addIntelRequest = (
    organization: Organization,
    request: { type: string, description: string },
    fields: { status: string, assetId?: string | null, locationId?: string | null, created: number }
  ): RecordRef => {
    const id = nextId('intel_requests')
    const updated = fields.status === 'pending' ? fields.created : fields.created + random.int(10, 600) * MINUTE
    data.intelRequests.push({
      intel_request_id: id,
      organization_id: organization.id,
      asset_id: fields.assetId ?? null,
      location_id: fields.locationId ?? null,
      request_type: request.type,
      status: fields.status,
      priority: random.weighted(PRIORITIES),
      description: request.description,
      metadata: JSON.stringify({ channel: random.pick(REQUEST_CHANNELS), requested_by: `${faker.person.firstName()} ${faker.person.lastName()}` }),
      created: at(fields.created),
      updated: at(Math.max(updated, fields.created))
    })
    return { type: 'intel_requests', id }
  }

  const organizations: Organization[] = []
  for (let index = 0; index < sizes.organizations; index++) {
    const { metro, name } = organizationPlace(index)
    const organization: Organization = { id: demoId(seed, 'organizations', index), metro, created: reference - 400 * DAY + index * HOUR }
    organizations.push(organization)
    data.organizations.push({
      organization_id: organization.id,
      name,
      metadata: '{}',
      created: at(organization.created),
      updated: at(organization.created)
    })
    const current = index === 0 ? sizes.currentIncidents : sizes.smallOrganizationIncidents
    data.summary.push({ organization_id: organization.id, name, current_incidents: current })

    const resolved = Math.round(current * 0.2)
    const total = current + resolved
    const assets: Array<{ id: string, place: Place }> = []
    const assetCount = total === 0 ? 0 : Math.max(1, Math.round(total / 3))
    for (let a = 0; a < assetCount; a++) {
      const created = organization.created + random.int(1, 300) * DAY
      const place = addPoint(organization, created)
      const typeName = random.pick(ASSET_TYPES)
      const id = nextId('assets')
      data.assets.push({
        asset_id: id,
        organization_id: organization.id,
        asset_name: `${place.locality} ${titleCase(typeName)} ${String(a + 1).padStart(3, '0')}`,
        asset_type_id: assetTypeId(typeName),
        location_id: place.locationId,
        metadata: JSON.stringify({ tag: `${typeName.replace(/[^a-z]/g, '').slice(0, 3).toUpperCase()}-${String(random.int(100, 9999)).padStart(4, '0')}`, commissioned: 1960 + random.int(0, 64) }),
        created: at(created),
        updated: at(created)
      })
      data.assetTypeNames.push(typeName)
      assets.push({ id, place })
    }

    for (let i = 0; i < total; i++) {
      addIncident(organization, i < current, assets)
    }
  }

  function addIncident (organization: Organization, isCurrent: boolean, assets: Array<{ id: string, place: Place }>): void {
    // Skewed towards the recent days of the 30 before the reference date.
    const age = 30 * DAY * random.between(0, 1) ** 1.5
    const started = reference - Math.max(isCurrent ? 10 * MINUTE : 2 * DAY, age)
    const resolvedAt = isCurrent ? null : Math.min(started + random.int(60, 72 * 60) * MINUTE, reference - 30 * MINUTE)
    const kind = random.weighted(INCIDENT_TYPES.map(t => [t, t.weight] as const))
    const place = addPoint(organization, started)
    const incidentId = nextId('incidents')
    const created = started + random.int(1, 15) * MINUTE
    const title = random.pick(kind.titles).replace('{locality}', place.locality).replace('{street}', place.street)
    data.incidents.push({
      incident_id: incidentId,
      organization_id: organization.id,
      location_id: place.locationId,
      title,
      incident_type: kind.type,
      status: isCurrent ? (random.chance(0.7) ? 'active' : 'monitoring') : 'resolved',
      started: at(started),
      resolved: resolvedAt === null ? null : at(resolvedAt),
      metadata: JSON.stringify({ severity: random.weighted(SEVERITIES), source: random.pick(SOURCES) }),
      created: at(created),
      updated: at(resolvedAt ?? created)
    })
    const incident: RecordRef = { type: 'incidents', id: incidentId }
    const end = resolvedAt ?? reference

    const outages = random.weighted([[0, 30], [1, 35], [2, 20], [3, 15]])
    for (let o = 0; o < outages; o++) {
      const outageStarted = Math.min(started + random.int(0, 90) * MINUTE, end)
      const restored = resolvedAt !== null || random.chance(0.25)
        ? Math.min(outageStarted + random.int(20, 12 * 60) * MINUTE, end)
        : null
      const locationId = random.chance(0.6) ? addArea(organization, outageStarted, place) : addPoint(organization, outageStarted, place).locationId
      data.outages.push({
        outage_id: nextId('outages'),
        incident_id: incidentId,
        organization_id: organization.id,
        location_id: locationId,
        utility_name: random.pick(organization.metro.utilities),
        status: restored === null ? 'active' : 'restored',
        started: at(outageStarted),
        restored: restored === null ? null : at(restored),
        customers_affected: Math.round(Math.exp(random.between(Math.log(5), Math.log(40_000)))),
        created: at(outageStarted),
        updated: at(restored ?? outageStarted)
      })
    }

    const internetOutages = kind.type === 'fiber_cut' ? random.int(1, 2) : random.weighted([[0, 50], [1, 35], [2, 15]])
    for (let o = 0; o < internetOutages; o++) {
      const outageStarted = Math.min(started + random.int(0, 120) * MINUTE, end)
      const restored = resolvedAt !== null || random.chance(0.4)
        ? Math.min(outageStarted + random.int(15, 8 * 60) * MINUTE, end)
        : null
      data.internetOutages.push({
        internet_outage_id: nextId('internet_outages'),
        incident_id: incidentId,
        organization_id: organization.id,
        provider: random.pick(INTERNET_PROVIDERS),
        started: at(outageStarted),
        restored: restored === null ? null : at(restored),
        created: at(outageStarted),
        updated: at(restored ?? outageStarted)
      })
    }

    const linked = random.sample(assets, random.weighted([[0, 20], [1, 30], [2, 25], [3, 15], [4, 10]]))
    for (const asset of linked) {
      data.incidentAssets.push({ incident_id: incidentId, asset_id: asset.id, organization_id: organization.id, created: at(created) })
    }

    // Intel requests depend on the incident ("intel request depends on incident"), and
    // follow-ups on those: the document's intel_requests and parent_intel_requests.
    const directCount = isCurrent ? random.weighted([[0, 5], [1, 25], [2, 40], [3, 30]]) : (random.chance(0.5) ? 1 : 0)
    const direct: Array<{ ref: RecordRef, created: number }> = []
    for (let r = 0; r < directCount; r++) {
      const requestCreated = Math.min(created + random.int(5, 240) * MINUTE, end)
      const ref = addIntelRequest(organization, random.pick(DIRECT_REQUESTS), {
        status: isCurrent ? random.weighted(REQUEST_STATUSES) : 'completed',
        assetId: linked.length > 0 && random.chance(0.5) ? random.pick(linked).id : null,
        locationId: random.chance(0.7) ? place.locationId : null,
        created: requestCreated
      })
      addEdge(organization, incident, ref, requestCreated)
      direct.push({ ref, created: requestCreated })
    }
    const followUps = direct.length === 0 || !isCurrent ? 0 : random.weighted([[0, 30], [1, 45], [2, 20], [3, 5]])
    for (let r = 0; r < followUps; r++) {
      const blocker = random.pick(direct)
      const requestCreated = Math.min(blocker.created + random.int(10, 360) * MINUTE, end)
      const ref = addIntelRequest(organization, random.pick(FOLLOW_UP_REQUESTS), {
        status: random.weighted([['pending', 60], ['in_progress', 30], ['completed', 10]]),
        created: requestCreated
      })
      addEdge(organization, blocker.ref, ref, requestCreated)
    }
  }

  if (organizations.length > 0) addRegions(sizes.regions)

  /**
   * Dependency regions of the first organization, intel requests only (blocker → dependent):
   * every diamond root feeds one shared stack of diamonds, chains hang from their heads, and
   * cycles close on themselves (the API refuses those; the schema does not).
   */
  function addRegions (regions: RegionSizes): void {
    const organization = organizations[0]!
    let clock = reference - 3 * DAY
    const request = (type: string, description: string): RecordRef => {
      clock += MINUTE
      return addIntelRequest(organization, { type, description }, { status: random.weighted([['pending', 50], ['in_progress', 50]]), created: clock })
    }

    if (regions.diamondRoots > 0 && regions.diamondDepth > 0) {
      const roots = Array.from({ length: regions.diamondRoots }, (_, r) =>
        request('damage_assessment', `Storm restoration program: feeder patrol ${r + 1}`))
      let tops = roots
      for (let layer = 1; layer <= regions.diamondDepth; layer++) {
        const a = request('crew_dispatch', `Storm restoration program: stage ${layer}, line crew`)
        const b = request('crew_dispatch', `Storm restoration program: stage ${layer}, substation crew`)
        const join = request('restoration_estimate', `Storm restoration program: stage ${layer} sign-off`)
        for (const top of tops) {
          addEdge(organization, top, a, clock)
          addEdge(organization, top, b, clock)
        }
        addEdge(organization, a, join, clock)
        addEdge(organization, b, join, clock)
        tops = [join]
      }
      data.regions.diamondRoots = roots
    }

    for (let c = 0; c < regions.chains; c++) {
      let previous = request('vendor_escalation', `Parts escalation ${c + 1}: step 0`)
      data.regions.chainRoots.push(previous)
      for (let step = 1; step <= regions.chainLength; step++) {
        const next = request('vendor_escalation', `Parts escalation ${c + 1}: step ${step}`)
        addEdge(organization, previous, next, clock)
        previous = next
      }
    }

    for (let c = 0; c < regions.cycles; c++) {
      const length = CYCLE_LENGTHS[c % CYCLE_LENGTHS.length]!
      const members = Array.from({ length }, (_, m) => request('mutual_aid', `Mutual-aid loop ${c + 1}: member ${m + 1} of ${length}`))
      members.forEach((member, m) => addEdge(organization, member, members[(m + 1) % length]!, clock))
      data.regions.cycleMembers.push(...members)
    }
  }

  return data
}

function round6 (value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function titleCase (words: string): string {
  return words.replace(/\b[a-z]/g, letter => letter.toUpperCase())
}
