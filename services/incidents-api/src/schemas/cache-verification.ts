import { Type } from '@sinclair/typebox'
import { Uuid, stringEnum } from '@incident-intel/schemas'

export const VerifyBodySchema = Type.Object({ organization_id: Uuid }, { additionalProperties: false, title: 'VerifyRequest' })

export const DivergenceReasonSchema = stringEnum(['missing', 'stale', 'not_current', 'version_behind', 'version_ahead', 'cache_disabled'] as const, {
  description: '`missing`: current but not cached; `stale`: cached unlike the database; `not_current`: cached but no longer current; ' +
    '`version_behind`: cached with an older version than the database gave (Redis came back older); ' +
    '`version_ahead`: cached with a version the database has not given yet (the database was restored to an earlier point); ' +
    '`cache_disabled`: cached although the organization\'s toggle is off'
})

export const VerificationResultSchema = Type.Object({
  organization_id: Uuid,
  checked: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'Incidents compared: current in the database or cached' }),
  repaired: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'Divergences repaired' }),
  divergences: Type.Array(Type.Object({ incident_id: Uuid, reason: DivergenceReasonSchema }, { title: 'Divergence' }), {
    description: 'What differed, by incident_id'
  })
}, { title: 'VerificationResult' })
