/** Asset types shared by every organization; inserted when missing. */
export const ASSET_TYPES = [
  'substation',
  'transformer',
  'cell tower',
  'fiber hub',
  'pump station',
  'water treatment plant',
  'switching station',
  'distribution feeder',
  'gas regulator station',
  'lift station',
  'data center'
] as const

export type AssetTypeName = typeof ASSET_TYPES[number]

/**
 * Incident types with their relative frequency and title patterns; `{locality}` and `{street}`
 * are filled from the incident's location.
 */
export const INCIDENT_TYPES: ReadonlyArray<{ type: string, weight: number, titles: readonly string[] }> = [
  {
    type: 'power_outage',
    weight: 30,
    titles: ['Power outage in {locality}', 'Feeder trip affecting {locality}', 'Outage along {street}', 'Transformer failure on {street}']
  },
  {
    type: 'storm',
    weight: 12,
    titles: ['Severe thunderstorm damage across {locality}', 'High winds down lines in {locality}', 'Hail damage in {locality}']
  },
  {
    type: 'equipment_failure',
    weight: 10,
    titles: ['Breaker failure at {locality} substation', 'Pump station fault in {locality}', 'Cell site down near {street}']
  },
  {
    type: 'fiber_cut',
    weight: 10,
    titles: ['Fiber cut on {street}', 'Backbone fiber damaged near {locality}', 'Excavation cut fiber at {street}']
  },
  {
    type: 'water_main_break',
    weight: 8,
    titles: ['Water main break on {street}', 'Low water pressure in {locality}']
  },
  {
    type: 'flood',
    weight: 6,
    titles: ['Flash flooding in {locality}', 'Flooded vault on {street}', 'River flooding near {locality}']
  },
  {
    type: 'fire',
    weight: 6,
    titles: ['Substation fire near {street}', 'Wildfire threatening lines north of {locality}', 'Vegetation fire at {street}']
  },
  {
    type: 'winter_storm',
    weight: 6,
    titles: ['Ice storm damage in {locality}', 'Freezing rain downs lines in {locality}']
  },
  {
    type: 'gas_leak',
    weight: 5,
    titles: ['Gas leak reported on {street}', 'Gas line struck near {street}']
  },
  {
    type: 'heat_wave',
    weight: 5,
    titles: ['Heat wave load shedding in {locality}', 'Record demand strains the {locality} grid']
  }
]

export const SEVERITIES = [['minor', 35], ['moderate', 40], ['major', 20], ['critical', 5]] as const
export const SOURCES = ['scada', 'customer_report', 'field_crew', 'weather_service', 'noc_alarm'] as const

export const INTERNET_PROVIDERS = [
  'Comcast Xfinity', 'AT&T Fiber', 'Spectrum', 'Verizon Fios', 'Google Fiber',
  'Lumen', 'Frontier', 'Cox Communications', 'T-Mobile Home Internet', 'Starlink'
] as const

/** Intel requests asked directly of an incident, and the follow-ups that depend on them. */
export const DIRECT_REQUESTS: ReadonlyArray<{ type: string, description: string }> = [
  { type: 'site_check', description: 'Send a crew to confirm conditions on site' },
  { type: 'damage_assessment', description: 'Assess the damage and list the equipment to replace' },
  { type: 'customer_impact', description: 'Estimate the customers and critical facilities affected' },
  { type: 'aerial_survey', description: 'Fly the affected lines and report what the ground crews cannot reach' },
  { type: 'public_safety_notice', description: 'Confirm the hazard area with emergency management' }
]
export const FOLLOW_UP_REQUESTS: ReadonlyArray<{ type: string, description: string }> = [
  { type: 'restoration_estimate', description: 'Give an estimated time of restoration from the assessment' },
  { type: 'crew_dispatch', description: 'Dispatch the crews and equipment the assessment calls for' },
  { type: 'vendor_escalation', description: 'Escalate the parts order to the vendor' },
  { type: 'mutual_aid', description: 'Request mutual-aid crews for the work identified' }
]

export const REQUEST_STATUSES = [['pending', 40], ['in_progress', 40], ['completed', 15], ['cancelled', 5]] as const
export const PRIORITIES = [['low', 15], ['normal', 50], ['high', 25], ['urgent', 10]] as const
export const REQUEST_CHANNELS = ['dispatch', 'field', 'emergency_operations_center', 'customer_service'] as const
