import { RowSet } from '../insert-rows.js'

export interface RecordRef {
  type: 'incidents' | 'intel_requests' | 'outages' | 'internet_outages' | 'assets'
  id: string
}

/** The whole data set in memory, table by table, before it is inserted. */
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
  regions: Regions
}

/** The first organization's dependency regions, by the records they start from. */
export interface Regions {
  diamondRoots: RecordRef[]
  chainRoots: RecordRef[]
  cycleMembers: RecordRef[]
  /**
   * Production shape: the second-level intel requests that block a lattice's top layer, and the
   * current incident of each, in the same order; the first is the bad-day incident's.
   */
  latticeGateways: RecordRef[]
  latticeIncidents: RecordRef[]
}

export function emptyDemoDataSet (): DemoDataSet {
  return {
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
    regions: { diamondRoots: [], chainRoots: [], cycleMembers: [], latticeGateways: [], latticeIncidents: [] }
  }
}
