import { runConcurrentCalls, timeSequentialCalls, type TimedCall } from '@incident-intel/test-support'
import type { CurrentIncidentDocument } from '@incident-intel/incidents-api/cache/document-codec'
import { expectData, type Clients } from '../clients.js'
import { log } from '../log.js'
import type { Settings } from '../settings.js'
import { measureEncodings } from './document-encoding.js'

/**
 * Ours alone, what no baseline has: intel-requests-api's routes on the production data (a plain
 * GET, a gateway's recursive GET, a bulk POST), each one at a time and then under load; and the
 * cache's document encodings over the organization's own documents. A route's row at 1 connection
 * is one request at a time (its own latency; no req/s), else that many in flight at once.
 */
export async function measureServices (clients: Clients, ids: { gateway: string, gatewayEdges: number, plain: string[] }, organizationId: string, settings: Settings['services']) {
  const recursive = () => clients.intelRequests.GET('/intel-requests/{intel_request_id}', {
    params: { path: { intel_request_id: ids.gateway }, query: { get_recursive_dependencies: true, recursive_max_distance: 10 } }
  })
  const meta = expectData(await recursive(), 'GET /intel-requests/{id} (recursive)').recursive_dependency_meta
  if (meta?.edge_count !== ids.gatewayEdges || meta.truncated) throw new Error(`the gateway's walk: ${meta?.edge_count} edges, resolve() gave ${ids.gatewayEdges}`)
  const bulk = ids.plain.slice(0, settings.bulk)
  const scenarios: Array<{ name: string, call: TimedCall }> = [
    { name: 'GET /intel-requests/{id}, no recursion', call: i => clients.intelRequests.GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: ids.plain[i % ids.plain.length]! } } }) },
    { name: 'GET /intel-requests/{id} of a gateway, recursive, distance 10', call: recursive },
    { name: `POST /intel-requests/bulk of ${bulk.length} ids`, call: () => clients.intelRequests.POST('/intel-requests/bulk', { body: { intel_request_ids: bulk } }) }
  ]
  const routes = []
  for (const { name, call } of scenarios) {
    log(`${name}: ${settings.requests} one at a time, then ${settings.connections} at a time for ${settings.seconds} s`)
    const alone = await timeSequentialCalls({ requests: settings.requests, call })
    const load = await runConcurrentCalls({ workers: settings.connections, durationSeconds: settings.seconds, call })
    const failure = alone.failure ?? load.failure
    if (failure !== undefined) throw new Error(`${name}: ${failure}`)
    routes.push({ name, connections: 1, p50_ms: alone.summary.p50_ms, p99_ms: alone.summary.p99_ms, requests_per_second: Number.NaN, requests: alone.summary.requests },
      { name, connections: settings.connections, p50_ms: load.summary.p50_ms, p99_ms: load.summary.p99_ms, requests_per_second: load.summary.requests_per_second, requests: load.summary.requests })
  }
  log('encoding the cached documents each way')
  const list = expectData(await clients.incidents.GET('/incidents/current', { params: { query: { organization_id: organizationId } } }), 'GET /incidents/current')
  // The SDK types ids as plain strings; these are the cache's own documents.
  return { routes, encodings: await measureEncodings(list.incidents as CurrentIncidentDocument[], settings.encodingIterations) }
}
