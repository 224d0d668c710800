import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components as IncidentsComponents, paths as IncidentsPaths } from './generated/incidents-api.js'
import type { components as IntelRequestsComponents, paths as IntelRequestsPaths } from './generated/intel-requests-api.js'

export type { IncidentsPaths, IntelRequestsPaths }
export type IncidentsSchemas = IncidentsComponents['schemas']
export type IntelRequestsSchemas = IntelRequestsComponents['schemas']

export interface ServiceClientOptions {
  /** The service's root, e.g. `http://127.0.0.1:3001`. */
  baseUrl: string
  /** Sent as `authorization: Bearer <token>` (services with AUTH_TOKENS set require one). */
  token?: string
  /** Default: globalThis.fetch. */
  fetch?: ClientOptions['fetch']
}

export type IncidentsClient = Client<IncidentsPaths>
export type IntelRequestsClient = Client<IntelRequestsPaths>

function clientOptions ({ baseUrl, token, fetch }: ServiceClientOptions): ClientOptions {
  return {
    baseUrl,
    ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
    ...(fetch === undefined ? {} : { fetch })
  }
}

/** A typed client of incidents-api: `client.GET('/incidents/current/{incident_id}', { params: { path: { incident_id } } })`. */
export function createIncidentsClient (options: ServiceClientOptions): IncidentsClient {
  return createClient<IncidentsPaths>(clientOptions(options))
}

/** A typed client of intel-requests-api: `client.POST('/intel-requests', { body })`. */
export function createIntelRequestsClient (options: ServiceClientOptions): IntelRequestsClient {
  return createClient<IntelRequestsPaths>(clientOptions(options))
}

// incidents-api
export type CurrentIncidentDocument = IncidentsSchemas['CurrentIncidentDocument']
export type CurrentIncidents = IncidentsSchemas['CurrentIncidents']
export type CurrentIntelRequest = IncidentsSchemas['CurrentIntelRequest']
export type ParentIntelRequest = IncidentsSchemas['ParentIntelRequest']
export type Incident = IncidentsSchemas['Incident']
export type IncidentInput = IncidentsSchemas['IncidentInput']
export type IncidentPatch = IncidentsSchemas['IncidentPatch']
export type IncidentPage = IncidentsSchemas['IncidentPage']
export type IncidentStatus = IncidentsSchemas['IncidentStatus']
export type IncidentAssets = IncidentsSchemas['IncidentAssets']
export type Outage = IncidentsSchemas['Outage']
export type NewOutage = IncidentsSchemas['NewOutage']
export type OutagePatch = IncidentsSchemas['OutagePatch']
export type InternetOutage = IncidentsSchemas['InternetOutage']
export type NewInternetOutage = IncidentsSchemas['NewInternetOutage']
export type InternetOutagePatch = IncidentsSchemas['InternetOutagePatch']
export type Asset = IncidentsSchemas['Asset']
export type Location = IncidentsSchemas['Location']
export type LocationInput = IncidentsSchemas['LocationInput']
export type Geometry = IncidentsSchemas['Geometry']
export type RebuildResult = IncidentsSchemas['RebuildResult']
export type CurrentIncidentChange = IncidentsSchemas['CurrentIncidentChange']
export type CurrentIncidentChanges = IncidentsSchemas['CurrentIncidentChanges']

// intel-requests-api
export type IntelRequest = IntelRequestsSchemas['IntelRequest']
export type NewIntelRequest = IntelRequestsSchemas['NewIntelRequest']
export type IntelRequestPatch = IntelRequestsSchemas['IntelRequestPatch']
export type IntelRequestPage = IntelRequestsSchemas['IntelRequestPage']
export type IntelRequestStatus = IntelRequestsSchemas['IntelRequestStatus']
export type IntelRequestPriority = IntelRequestsSchemas['IntelRequestPriority']
export type IntelRequestsBulkResponse = IntelRequestsSchemas['IntelRequestsBulkResponse']

// Both services: the shared dependency routes and the error envelope.
export type Edge = IncidentsSchemas['Edge']
export type DirectDependencies = IncidentsSchemas['DirectDependencies']
export type RecordRef = IncidentsSchemas['RecordRef']
export type RecordType = IncidentsSchemas['RecordType']
export type Direction = IncidentsSchemas['Direction']
export type NewDependency = IncidentsSchemas['NewDependency']
export type ResolveRequest = IncidentsSchemas['ResolveRequest']
export type ResolveResponse = IncidentsSchemas['ResolveResponse']
/** `{statusCode, code?, error, message}`: every 4xx and 5xx. */
export type ApiError = IncidentsSchemas['Error']
/** A 409 from POST /dependencies: the cycle the edge would close. */
export type CycleError = IncidentsSchemas['CycleError']

// The change feed: GET /incidents/current/stream, followed or mirrored.
export { streamCurrentIncidents, StreamRefusedError } from './current-incidents-stream.js'
export type { CurrentIncidentEvent, StreamCurrentIncidentsOptions } from './current-incidents-stream.js'
export { syncCurrentIncidents } from './current-incidents-view.js'
export type { CurrentIncidentsChange, CurrentIncidentsView, SyncCurrentIncidentsOptions } from './current-incidents-view.js'
