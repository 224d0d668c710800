// Writes openapi/intel-requests-api.json from the route schemas; with --check, writes nothing and fails
// with the first differing lines when the committed document is stale.
import { renderJson, writeGeneratedFiles } from '@incident-intel/generated-files'
import { buildOpenApiDocument } from '../src/openapi-document.js'

const document = await buildOpenApiDocument()
await writeGeneratedFiles([{ path: 'openapi/intel-requests-api.json', content: renderJson(document) }], { check: process.argv.includes('--check') })
