/**
 * Every PostgreSQL advisory lock key the project takes, in one place, so that no two uses share
 * a key by accident. Two-key locks take (namespace, hashtext(id)); the single-key locks take a
 * fixed bigint, or the 64-bit hashtextextended of a prefixed text.
 */
export const ADVISORY_LOCKS = {
  /** Session lock: one migrate run at a time on a database (packages/migrate). */
  migrate: '7235160531044461',
  /** Session lock: one test template build at a time across test processes (packages/test-support). */
  testTemplate: 7_314_200_001,
  /** Namespace of the transaction lock on an organization's edge writes (packages/dependency-graph). */
  graphEdges: 7_314_201,
  /** Namespace of the transaction lock on an organization's documents: refreshes shared, a rebuild exclusive (incidents-api). */
  organizationDocuments: 7_314_202,
  /** Namespace of the transaction lock by which one drainer at a time drains an organization (incidents-api). */
  organizationDrain: 7_314_203,
  /** Prefix of the text whose hashtextextended is the key serialising the writers of one incident id (incidents-api). */
  incidentIdPrefix: 'incidents.incidents:'
} as const
