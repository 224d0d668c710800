import createError from '@fastify/error'

// The 4xx the service raises itself; the shared error handler sends each as {statusCode, code, error, message}.

export const IntelRequestNotFoundError = createError<[string]>(
  'INTEL_REQUESTS_NOT_FOUND', 'Intel request %s does not exist', 404)

/** A record the request names (organization, asset, location, incident, blocker) is missing or deleted. */
export const ReferenceNotFoundError = createError<[string]>(
  'INTEL_REQUESTS_REFERENCE_NOT_FOUND', '%s does not exist', 404)

export const CrossOrganizationReferenceError = createError<[string, string]>(
  'INTEL_REQUESTS_CROSS_ORGANIZATION', '%s belongs to another organization than %s', 400)

export const InvalidCursorError = createError(
  'INTEL_REQUESTS_INVALID_CURSOR', 'cursor is malformed: pass the next_cursor of a previous page unchanged', 400)
