// Writes src/generated/*.ts from the committed openapi/*.json documents (each service writes
// its own: `pnpm generate` at the root does both). With --check, writes nothing and fails
// with the first differing lines when a committed file is stale.
import { writeGeneratedFiles, type GeneratedFile } from '@incident-intel/generated-files'
import { DOCUMENTS, readDocument, renderTypes, typesPath } from './render-types.js'

const files: GeneratedFile[] = []
for (const name of DOCUMENTS) {
  files.push({ path: typesPath(name), content: await renderTypes(name, await readDocument(name)) })
}
await writeGeneratedFiles(files, { check: process.argv.includes('--check') })
