import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { REPOSITORY_ROOT } from '@incident-intel/generated-files'

/** The documents the SDK is generated from: openapi/<name>.json, written by each service. */
export const DOCUMENTS = ['incidents-api', 'intel-requests-api'] as const
export type DocumentName = typeof DOCUMENTS[number]

/** The committed document, as the SDK reads it. */
export async function readDocument (name: DocumentName): Promise<OpenAPI3> {
  return JSON.parse(await readFile(join(REPOSITORY_ROOT, `openapi/${name}.json`), 'utf8')) as OpenAPI3
}

/** Where the SDK's types for a document are committed, relative to the repository root. */
export function typesPath (name: DocumentName): string {
  return `packages/sdk/src/generated/${name}.ts`
}

/** The SDK's types for a document, by openapi-typescript. */
export async function renderTypes (name: DocumentName, document: OpenAPI3): Promise<string> {
  // A default makes a property optional to send, not required.
  const ast = await openapiTS(document, { silent: true, defaultNonNullable: false })
  return [
    `// Generated from openapi/${name}.json by \`pnpm generate\`: do not edit.`,
    '/* eslint-disable */',
    astToString(ast)
  ].join('\n')
}
