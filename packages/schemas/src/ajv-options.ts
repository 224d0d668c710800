import { canonicalUuids } from './uuid.js'

/**
 * Fastify's `ajv` option for every app that serves these schemas: unknown properties are a 400
 * (not silently removed), repeated query parameters become arrays, defaults are filled in, and
 * uuids are made canonical.
 */
export const AJV_OPTIONS = {
  customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } as const,
  plugins: [canonicalUuids]
}
