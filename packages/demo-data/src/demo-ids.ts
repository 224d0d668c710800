import { createHash } from 'node:crypto'

/**
 * The id of row `index` of `table` in the data set of `seed`: an MD5 name-based (version 3)
 * UUID, so the same seed gives the same ids and another seed never collides with it.
 */
export function demoId (seed: number, table: string, index: number): string {
  return nameBasedUuid(`incident-intel demo data/${seed}/${table}/${index}`)
}

/** Asset types are shared by every seed: their ids depend on the name alone. */
export function assetTypeId (name: string): string {
  return nameBasedUuid(`incident-intel demo data/asset_types/${name}`)
}

function nameBasedUuid (name: string): string {
  const hex = createHash('md5').update(name).digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-3${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
