import type { RecordRef } from './demo-data-set.js'
import type { GenerationContext, Organization } from './generation-context.js'

/** The edge "dependent depends on blocker". */
export function addEdge ({ nextId, at, data }: GenerationContext, organization: Organization, blocker: RecordRef, dependent: RecordRef, created: number): void {
  data.dependencies.push({
    dependency_id: nextId('dependencies'),
    organization_id: organization.id,
    blocker_type: blocker.type,
    blocker_id: blocker.id,
    dependent_type: dependent.type,
    dependent_id: dependent.id,
    created: at(created)
  })
}
