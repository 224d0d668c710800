export { seedDemoData, removeDemoData, findDemoOrganizations, DemoDataExistsError, DEFAULT_SIZES, PRODUCTION_SIZES } from './demo-data.js'
export type { DemoDataOptions, DemoDataSummary, DemoDataProgress, RecordRef, Shape } from './demo-data.js'
export { REFERENCE_DATE } from './generate-demo-data.js'
