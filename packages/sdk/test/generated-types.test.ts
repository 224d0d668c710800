import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { REPOSITORY_ROOT } from '@incident-intel/generated-files'
import { DOCUMENTS, readDocument, renderTypes, typesPath } from '../scripts/render-types.js'

for (const name of DOCUMENTS) {
  t.test(`the committed SDK types are generated from openapi/${name}.json (else run \`pnpm generate\`)`, async t => {
    const types = await readFile(join(REPOSITORY_ROOT, typesPath(name)), 'utf8')
    t.equal(types, await renderTypes(name, await readDocument(name)))
  })
}
