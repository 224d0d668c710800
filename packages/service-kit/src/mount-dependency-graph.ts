import { createDependencyGraph, dependencyRoutes, type DependencyGraph } from '@incident-intel/dependency-graph'
import type { ServiceEnv } from './config.js'
import type { ServiceApp } from './service-app.js'

/** The dependency graph over the app's pool, bounded by the service's configuration, with /dependencies mounted. */
export async function mountDependencyGraph (app: ServiceApp, config: ServiceEnv): Promise<DependencyGraph> {
  const graph = createDependencyGraph({
    pool: app.pg,
    maxDistanceDefault: config.RECURSION_DEFAULT_MAX_DISTANCE,
    maxDistanceLimit: config.RECURSION_MAX_DISTANCE_LIMIT
  })
  await app.register(dependencyRoutes, { graph })
  return graph
}
