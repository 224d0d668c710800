import { demoId } from '../demo-ids.js'
import { organizationPlace } from '../places.js'
import { DAY, HOUR, type GenerationContext, type Organization } from './generation-context.js'

/** Organization `index` (a utility or city of one of the metros), with `currentIncidents` recorded for the summary. */
export function addOrganization ({ seed, reference, at, data }: GenerationContext, index: number, currentIncidents: number): Organization {
  const { metro, name } = organizationPlace(index)
  const organization: Organization = { id: demoId(seed, 'organizations', index), metro, created: reference - 400 * DAY + index * HOUR }
  data.organizations.push({
    organization_id: organization.id,
    name,
    metadata: '{}',
    created: at(organization.created),
    updated: at(organization.created)
  })
  data.summary.push({ organization_id: organization.id, name, current_incidents: currentIncidents })
  return organization
}
