/**
 * Whether an If-None-Match header names this ETag (RFC 9110 §13.1.2: weak comparison, a list,
 * or `*`).
 */
export function noneMatchHolds (ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch.split(',').some(candidate => {
    const tag = candidate.trim()
    return tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === etag
  })
}
