import createError from '@fastify/error'

// Every 4xx/5xx the service raises itself; the shared error handler sends each as
// {statusCode, code, error, message}.

const IncidentNotFound = createError<[string]>('INCIDENTS_NOT_FOUND', 'Incident %s does not exist', 404)
const OrganizationNotFound = createError<[string]>('INCIDENTS_ORGANIZATION_NOT_FOUND', 'Organization %s does not exist', 404)
const IncidentDeleted = createError<[string]>('INCIDENTS_DELETED', 'Incident %s was deleted; its id cannot be used again', 409)
const IncidentOfAnotherOrganization = createError<[string]>('INCIDENTS_ORGANIZATION_FIXED', 'Incident %s belongs to another organization; an incident cannot move', 409)
const OutageNotFound = createError<[string, string, string]>('INCIDENTS_OUTAGE_NOT_FOUND', '%s %s of incident %s does not exist', 404)
const AssetNotFound = createError<[string]>('INCIDENTS_ASSET_NOT_FOUND', 'Asset %s does not exist', 404)
const AssetOfAnotherOrganization = createError<[string, string]>('INCIDENTS_ASSET_CROSS_ORGANIZATION', 'Asset %s belongs to another organization than incident %s', 400)
const InvalidGeometry = createError<[string, string]>('INCIDENTS_INVALID_GEOMETRY', '%s: %s', 400)
const InvalidCursor = createError('INCIDENTS_INVALID_CURSOR', 'cursor is malformed: pass the next_cursor of a previous page unchanged', 400)
const NotCurrent = createError<[string]>('INCIDENTS_NOT_CURRENT', 'Incident %s is not current (resolved, deleted or unknown)', 404)
const CacheUnavailable = createError('INCIDENTS_CACHE_UNAVAILABLE', 'Redis is unavailable; the cache cannot be rebuilt now', 503)

export const incidentNotFound = (id: string) => new IncidentNotFound(id)
export const organizationNotFound = (id: string) => new OrganizationNotFound(id)
export const incidentDeleted = (id: string) => new IncidentDeleted(id)
export const incidentOfAnotherOrganization = (id: string) => new IncidentOfAnotherOrganization(id)
export const outageNotFound = (kind: 'Outage' | 'Internet outage', id: string, incidentId: string) => new OutageNotFound(kind, id, incidentId)
export const assetNotFound = (id: string) => new AssetNotFound(id)
export const assetOfAnotherOrganization = (assetId: string, incidentId: string) => new AssetOfAnotherOrganization(assetId, incidentId)
export const invalidGeometry = (field: string, problem: string) => new InvalidGeometry(field, problem)
export const invalidCursor = () => new InvalidCursor()
export const notCurrent = (id: string) => new NotCurrent(id)
export const cacheUnavailable = () => new CacheUnavailable()
