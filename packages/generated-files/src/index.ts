export { firstDifference } from './first-difference.js'
export { REPOSITORY_ROOT, renderJson, writeGeneratedFiles } from './write-generated-files.js'
export type { GeneratedFile } from './write-generated-files.js'
