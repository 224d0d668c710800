import type { FastifyServerOptions } from 'fastify'
import { createServiceApp, mountDependencyGraph, type ServiceEnv } from '@incident-intel/service-kit'
import { intelRequestRoutes } from './routes/intel-requests.js'

export interface AppOptions {
  config: ServiceEnv
  logger?: FastifyServerOptions['logger']
}

/** intel-requests-api, ready to serve; it never listens (see server.ts), so tests inject. */
export async function buildApp ({ config, logger }: AppOptions) {
  const app = await createServiceApp({
    name: 'intel-requests-api',
    version: '0.1.0',
    description: 'Intel requests and their dependencies: bounded, batched, cycle-safe recursion.',
    config,
    ...(logger === undefined ? {} : { logger })
  })
  const graph = await mountDependencyGraph(app, config)
  await app.register(intelRequestRoutes, { graph })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
