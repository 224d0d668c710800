import { createHash } from 'node:crypto'
import createError from '@fastify/error'
import type { CanonicalUuid } from '@incident-intel/schemas'

/** Who asks, and which organizations' data it may see or change: every route reads it. */
export interface Caller {
  /** A stable name that is safe to log and to key budgets on: never a secret. */
  subject: string
  organizations: 'all' | ReadonlySet<CanonicalUuid>
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller
  }
}

/** The caller of a service with authentication off: anyone, for every organization. */
export const ANONYMOUS: Caller = Object.freeze({ subject: 'anonymous', organizations: 'all' })

/** A static token's subject: a digest prefix names it in logs without giving it away. */
export function tokenSubject (token: string): string {
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 8)}`
}

export const OrganizationForbiddenError = createError<[string]>(
  'SERVICE_ORGANIZATION_FORBIDDEN', 'Organization %s is not one this caller may use', 403)

/** True when the caller may see or change the organization's data. */
export function mayUseOrganization (caller: Caller, organizationId: CanonicalUuid): boolean {
  return caller.organizations === 'all' || caller.organizations.has(organizationId)
}

/** Refuses (403) an organization the caller names but may not use. */
export function assertOrganization (caller: Caller, organizationId: CanonicalUuid): void {
  if (!mayUseOrganization(caller, organizationId)) throw new OrganizationForbiddenError(organizationId)
}

/**
 * The caller's organizations as a SQL parameter: null for all (`$n::uuid[] is null or
 * organization_id = any($n::uuid[])` then folds away), else the list.
 */
export function callerOrganizations (caller: Caller): CanonicalUuid[] | null {
  return caller.organizations === 'all' ? null : [...caller.organizations]
}
