import createError from '@fastify/error'

// Every 4xx/5xx the service raises itself, as intel-requests-api names its own: thrown with `new`;
// the shared error handler sends each as {statusCode, code, error, message}.

export const IncidentNotFoundError = createError<[string]>('INCIDENTS_NOT_FOUND', 'Incident %s does not exist', 404)
export const OrganizationNotFoundError = createError<[string]>('INCIDENTS_ORGANIZATION_NOT_FOUND', 'Organization %s does not exist', 404)
export const IncidentDeletedError = createError<[string]>('INCIDENTS_DELETED', 'Incident %s was deleted; its id cannot be used again', 409)
export const IncidentOfAnotherOrganizationError = createError<[string]>('INCIDENTS_ORGANIZATION_FIXED', 'Incident %s belongs to another organization; an incident cannot move', 409)
/** Of an outage or an internet outage: its kind, its id, its incident's id. */
export const OutageNotFoundError = createError<['Outage' | 'Internet outage', string, string]>('INCIDENTS_OUTAGE_NOT_FOUND', '%s %s of incident %s does not exist', 404)
export const AssetNotFoundError = createError<[string]>('INCIDENTS_ASSET_NOT_FOUND', 'Asset %s does not exist', 404)
export const AssetOfAnotherOrganizationError = createError<[string, string]>('INCIDENTS_ASSET_CROSS_ORGANIZATION', 'Asset %s belongs to another organization than incident %s', 400)
/** The field, and what is wrong with its geometry. */
export const InvalidGeometryError = createError<[string, string]>('INCIDENTS_INVALID_GEOMETRY', '%s: %s', 400)
export const InvalidCursorError = createError('INCIDENTS_INVALID_CURSOR', 'cursor is malformed: pass the next_cursor of a previous page unchanged', 400)
export const NotCurrentError = createError<[string]>('INCIDENTS_NOT_CURRENT', 'Incident %s is not current (resolved, deleted or unknown)', 404)
export const CacheUnavailableError = createError('INCIDENTS_CACHE_UNAVAILABLE', 'Redis is unavailable; the cache cannot be rebuilt now', 503)
/** The parameter or header, and the value. */
export const InvalidFeedCursorError = createError<[string, string]>('INCIDENTS_INVALID_FEED_CURSOR', '%s %s is no cursor of the change feed: its sequence exceeds 64 bits', 400)
/** The most a page may hold. */
export const InvalidFeedLimitError = createError<[number]>('INCIDENTS_INVALID_FEED_LIMIT', 'limit must be an integer from 1 to %d', 400)
export const ChangeFeedUnavailableError = createError('INCIDENTS_CHANGE_FEED_UNAVAILABLE', 'Redis is unavailable; the change feed cannot be read now', 503)
export const FeedOffError = createError<[string]>('INCIDENTS_CHANGE_FEED_OFF', "Organization %s's cache is off (metadata.use_current_incidents_cache): its documents have no change feed; read GET /incidents/current", 409)
/** What waits: organization lists read from the database, or rebuilds. */
export const DatabaseBusyError = createError<[string, number]>('INCIDENTS_DATABASE_BUSY', 'Too many %s are waiting for the database (%d); retry after Retry-After seconds', 503)
