import type pg from 'pg'
import type { RecordRef } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { expectData, type Clients } from '../clients.js'
import { runPathEnumerating } from './path-enumerating-cte.js'

/*
 * Baseline (d), from the production analysis (generate_context_data, intel.py:627-857): the
 * sender's calls, one after another. It runs against OUR services, so it measures the call
 * pattern (three sequential round trips, each doing its own recursive walk), not the old SQL.
 *   1. GET /incidents/{id}?get_recursive_dependencies=true&recursive_dependency_type=dependents
 *      &recursive_record_types=intel_requests
 *   2. POST /intel-requests/bulk of the dependent intel requests, with the same recursion
 *   3. the incident's assets: assets-api is not part of this project, so a plain
 *      GET /incidents/{id} (whose document carries the assets) stands in for its bulk call.
 */

const recursion = () => ({
  get_recursive_dependencies: true,
  recursive_dependency_type: 'dependents' as const,
  recursive_record_types: ['intel_requests']
})

export interface SenderContext {
  /** Intel requests that depend on the incident directly. */
  direct: Set<string>
  /** Intel requests at shortest distance 2 (they depend on a direct one). */
  second: Set<string>
  /** Every intel request the walk reached, as the bulk call was given. */
  reached: string[]
  assets: Set<string>
}

export async function runOldSenderSequence (clients: Clients, incidentId: string): Promise<SenderContext> {
  const incident = expectData(await clients.incidents.GET('/incidents/{incident_id}', {
    params: { path: { incident_id: incidentId }, query: recursion() }
  }), 'GET /incidents/{incident_id} (recursive)')
  const edges = incident.dependents ?? []
  const distance = new Map<string, number>()
  for (const edge of edges) {
    if (edge.dependent_type !== 'intel_requests') continue
    const known = distance.get(edge.dependent_id)
    const d = edge.dependency_distance ?? Number.POSITIVE_INFINITY
    if (known === undefined || d < known) distance.set(edge.dependent_id, d)
  }
  const reached = [...distance.keys()]
  if (reached.length > 0) {
    const bulk = expectData(await clients.intelRequests.POST('/intel-requests/bulk', {
      params: { query: recursion() },
      body: { intel_request_ids: reached }
    }), 'POST /intel-requests/bulk (recursive)')
    if (bulk.not_found.length > 0) throw new Error(`bulk: intel requests not found: ${bulk.not_found.join(', ')}`)
  }
  const plain = expectData(await clients.incidents.GET('/incidents/{incident_id}', {
    params: { path: { incident_id: incidentId } }
  }), 'GET /incidents/{incident_id} (assets)')
  const at = (d: number) => new Set(reached.filter(id => distance.get(id) === d))
  return { direct: at(1), second: at(2), reached, assets: new Set(plain.assets.map(asset => asset.asset_id)) }
}

/**
 * The sender's message as production ran it: the same calls, plus the analysis's
 * path-enumerating CTE for every record the old servers recursed on (the incident in call 1,
 * each intel request of the bulk call in call 2, one statement per record, every row to the
 * client). Our services' own bounded walks stay included. A statement timeout ends the message:
 * it counts as timed out, at the time it was stopped.
 */
export async function runOldSenderMessage (clients: Clients, session: pg.Client, incidentId: string): Promise<{ context: SenderContext, timedOut: boolean }> {
  const context = await runOldSenderSequence(clients, incidentId)
  const roots: RecordRef[] = [{ type: 'incidents', id: canonicalUuid(incidentId)! }, ...context.reached.map(id => ({ type: 'intel_requests' as const, id: canonicalUuid(id)! }))]
  const { timedOut } = await runPathEnumerating(session, roots)
  return { context, timedOut }
}
