/**
 * Where `expected` and `actual` part: the lines between their common beginning and common end
 * (at most `limit` of each), after a little context; undefined when equal.
 */
export function firstDifference (expected: string, actual: string, limit = 6, context = 2): string | undefined {
  if (expected === actual) return undefined
  const a = expected.split('\n')
  const b = actual.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const changed = (lines: string[], sign: string) => lines.slice(start, lines.length - end).slice(0, limit).map(text => `${sign} ${text}`)
  return [
    `@@ line ${start + 1} @@`,
    ...a.slice(Math.max(0, start - context), start).map(text => `  ${text}`),
    ...changed(a, '-'),
    ...changed(b, '+')
  ].join('\n')
}
