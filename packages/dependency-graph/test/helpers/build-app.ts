import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Pool } from 'pg'
import type { Teardown } from '@incident-intel/test-support'
import { dependencyGraph, dependencyGraphOf, dependencyRoutes, type DependencyGraphOptions } from '../../src/index.js'
import { AJV_OPTIONS } from '@incident-intel/schemas'
import { bearerAuthentication } from '@incident-intel/service-kit'

/**
 * A Fastify app that mounts the /dependencies routes over `pool`, with the Ajv options the
 * services use, and service-kit's authentication off (every caller sees every organization);
 * requests go through `app.inject`, never a network port. Closed at teardown.
 */
export async function buildApp (t: Teardown, pool: Pool, options: Omit<DependencyGraphOptions, 'pool'> = {}) {
  const app = Fastify({ ajv: AJV_OPTIONS }).withTypeProvider<TypeBoxTypeProvider>()
  await app.register(bearerAuthentication, { tokens: [] })
  await app.register(dependencyGraph, { pool, ...options })
  const graph = dependencyGraphOf(app)
  await app.register(dependencyRoutes, { recursion: graph })
  await app.ready()
  t.teardown(() => app.close())
  return { app, graph }
}

export type TestApp = Awaited<ReturnType<typeof buildApp>>['app']
