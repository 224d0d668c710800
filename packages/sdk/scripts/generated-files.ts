import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { buildApp as buildIncidentsApp } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'

/** The repository root: generated paths are relative to it. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export const SERVICES = ['incidents-api', 'intel-requests-api'] as const
export type Service = typeof SERVICES[number]

// The document depends on the configuration (e.g. the recursion limit): always the defaults,
// never the caller's environment. Nothing is connected, nothing drains.
const ENV = {
  DATABASE_URL: 'postgres://127.0.0.1:1/never-connected',
  REDIS_URL: 'redis://127.0.0.1:1',
  CACHE_DRAIN: 'false'
}

/** The service's OpenAPI document, as its route schemas build it. */
export async function buildDocument (service: Service): Promise<Record<string, unknown>> {
  const app = service === 'incidents-api'
    ? await buildIncidentsApp({ config: loadIncidentsConfig(ENV), logger: false })
    : await buildIntelRequestsApp({ config: loadIntelRequestsConfig(ENV), logger: false })
  try {
    await app.ready()
    return structuredClone(app.swagger()) as Record<string, unknown>
  } finally {
    await app.close()
  }
}

/** A document as committed: 2-space JSON with a trailing newline. */
export function renderDocument (document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`
}

/** The SDK's types for a document, by openapi-typescript. */
export async function renderTypes (service: Service, document: unknown): Promise<string> {
  // A default makes a property optional to send, not required.
  const ast = await openapiTS(document as OpenAPI3, { silent: true, defaultNonNullable: false })
  return [
    `// Generated from openapi/${service}.json by \`pnpm generate\`: do not edit.`,
    '/* eslint-disable */',
    astToString(ast)
  ].join('\n')
}

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string
  content: string
}

/** Every generated file: each service's document and the SDK's types for it. */
export async function generateFiles (): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = []
  for (const service of SERVICES) {
    const document = await buildDocument(service)
    files.push({ path: `openapi/${service}.json`, content: renderDocument(document) })
    files.push({ path: `packages/sdk/src/generated/${service}.ts`, content: await renderTypes(service, document) })
  }
  return files
}

/**
 * Where `expected` and `actual` part: the lines between their common beginning and common end
 * (at most `limit` of each), after a little context; undefined when equal.
 */
export function firstDifference (expected: string, actual: string, limit = 6, context = 2): string | undefined {
  if (expected === actual) return undefined
  const a = expected.split('\n')
  const b = actual.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const changed = (lines: string[], sign: string) => lines.slice(start, lines.length - end).slice(0, limit).map(text => `${sign} ${text}`)
  return [
    `@@ line ${start + 1} @@`,
    ...a.slice(Math.max(0, start - context), start).map(text => `  ${text}`),
    ...changed(a, '-'),
    ...changed(b, '+')
  ].join('\n')
}
