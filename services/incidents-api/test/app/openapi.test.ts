import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildApp } from '../../src/app.js'
import { loadIncidentsConfig } from '../../src/config.js'

// The document comes from the route schemas alone: nothing is connected, nothing drains.
const config = loadIncidentsConfig({ DATABASE_URL: 'postgres://127.0.0.1:1/never-connected', REDIS_URL: 'redis://127.0.0.1:1', CACHE_DRAIN: 'false' })
const app = await buildApp({ config, logger: false })
await app.ready()
t.teardown(() => app.close())

const response = await app.inject('/openapi.json')
const document = response.json()

t.test('GET /openapi.json is a valid OpenAPI 3.1 document', async t => {
  const result = await new Validator().validate(document)
  t.strictSame(result.errors, undefined)
  t.equal(result.valid, true)
  t.same(document.info.title, 'incidents-api')
})

t.test('every operation has an operationId, a summary, tags and every status it can return', async t => {
  const operations = Object.entries(document.paths as Record<string, Record<string, { operationId: string, summary?: string, tags?: string[], responses: object }>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) =>
      `${method.toUpperCase()} ${path} ${operation.operationId} [${operation.tags}] ${Object.keys(operation.responses).sort().join(',')}${operation.summary ? '' : ' NO SUMMARY'}`))
    .sort()
  t.strictSame(operations, [
    'DELETE /dependencies/{dependency_id} deleteDependency [dependencies] 204,400,401,404,414,429,500,503',
    'DELETE /incidents/{incident_id} deleteIncident [incidents] 204,400,401,404,414,429,500,503',
    'DELETE /incidents/{incident_id}/internet-outages/{internet_outage_id} deleteInternetOutage [incidents] 204,400,401,404,414,429,500,503',
    'DELETE /incidents/{incident_id}/outages/{outage_id} deleteOutage [incidents] 204,400,401,404,414,429,500,503',
    'GET /dependencies getDependencies [dependencies] 200,400,401,404,429,500,503',
    'GET /health getHealth [operations] 200,500',
    'GET /incidents listIncidents [incidents] 200,400,401,403,429,500,503',
    'GET /incidents/current listCurrentIncidents [current-incidents] 200,304,400,401,403,404,429,500,503',
    'GET /incidents/current/changes listCurrentIncidentChanges [current-incidents] 200,400,401,403,404,409,429,500,503',
    'GET /incidents/current/stream streamCurrentIncidentChanges [current-incidents] 200,400,401,403,404,406,409,429,500,503',
    'GET /incidents/current/{incident_id} getCurrentIncident [current-incidents] 200,304,400,401,404,414,429,500,503',
    'GET /incidents/{incident_id} getIncident [incidents] 200,400,401,404,414,429,500,503',
    'GET /ready getReadiness [operations] 200,500,503',
    'PATCH /incidents/{incident_id} updateIncident [incidents] 200,400,401,404,413,414,415,429,500,503',
    'PATCH /incidents/{incident_id}/internet-outages/{internet_outage_id} updateInternetOutage [incidents] 200,400,401,404,413,414,415,429,500,503',
    'PATCH /incidents/{incident_id}/outages/{outage_id} updateOutage [incidents] 200,400,401,404,413,414,415,429,500,503',
    'POST /dependencies createDependency [dependencies] 200,201,400,401,404,409,413,415,429,500,503',
    'POST /dependencies/resolve resolveDependencies [dependencies] 200,400,401,413,415,429,500,503',
    'POST /incidents createIncident [incidents] 201,400,401,403,404,409,413,415,429,500,503',
    'POST /incidents/current/bulk getCurrentIncidentsBulk [current-incidents] 200,400,401,413,415,429,500,503',
    'POST /incidents/current/rebuild rebuildCurrentIncidents [current-incidents] 200,400,401,403,404,413,415,429,500,503',
    'POST /incidents/current/verify verifyCurrentIncidents [current-incidents] 200,400,401,403,404,413,415,429,500,503',
    'POST /incidents/{incident_id}/internet-outages createInternetOutage [incidents] 201,400,401,404,413,414,415,429,500,503',
    'POST /incidents/{incident_id}/outages createOutage [incidents] 201,400,401,404,413,414,415,429,500,503',
    'PUT /incidents/{incident_id} upsertIncident [incidents] 200,201,400,401,403,404,409,413,414,415,429,500,503',
    'PUT /incidents/{incident_id}/assets replaceIncidentAssets [incidents] 200,400,401,404,413,414,415,429,500,503'
  ])
})
