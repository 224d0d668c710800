import t from 'tap'
import { createIncidentsClient, createIntelRequestsClient } from '../src/index.js'

// A fetch that records each request and answers from `reply`.
function recordingFetch (reply: () => Response) {
  const requests: Request[] = []
  const fetch = async (request: Request) => {
    requests.push(request)
    return reply()
  }
  return { requests, fetch }
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

t.test('the incidents client sends the bearer token and fills the path', async t => {
  const { requests, fetch } = recordingFetch(json(404, { statusCode: 404, error: 'Not Found', message: 'gone' }))
  const client = createIncidentsClient({ baseUrl: 'http://incidents.test', token: 'secret-token-0123456789', fetch })
  const { data, error, response } = await client.GET('/incidents/current/{incident_id}', {
    params: { path: { incident_id: '00000000-0000-4000-8000-000000000001' } }
  })
  t.equal(data, undefined)
  t.strictSame(error, { statusCode: 404, error: 'Not Found', message: 'gone' })
  t.equal(response.status, 404)
  t.equal(requests.length, 1)
  t.equal(requests[0]!.method, 'GET')
  t.equal(requests[0]!.url, 'http://incidents.test/incidents/current/00000000-0000-4000-8000-000000000001')
  t.equal(requests[0]!.headers.get('authorization'), 'Bearer secret-token-0123456789')
})

t.test('without a token, the intel-requests client sends no authorization; arrays repeat in the query', async t => {
  const page = { intel_requests: [], next_cursor: null }
  const { requests, fetch } = recordingFetch(json(200, page))
  const client = createIntelRequestsClient({ baseUrl: 'http://intel.test', fetch })
  const { data } = await client.GET('/intel-requests/{intel_request_id}', {
    params: {
      path: { intel_request_id: '00000000-0000-4000-8000-000000000002' },
      query: { get_recursive_dependencies: true, recursive_record_types: ['incidents', 'intel_requests'] }
    }
  })
  t.strictSame(data, page)
  t.equal(requests[0]!.url, 'http://intel.test/intel-requests/00000000-0000-4000-8000-000000000002' +
    '?get_recursive_dependencies=true&recursive_record_types=incidents&recursive_record_types=intel_requests')
  t.equal(requests[0]!.headers.get('authorization'), null)
})
