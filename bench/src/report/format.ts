/** The harness's one way of writing numbers and tables: every benchmark's report uses these. */

/** Milliseconds with about three significant digits; '–' for nothing measured. */
export function ms (value: number): string {
  if (Number.isNaN(value)) return '–'
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`
  if (value >= 100) return `${value.toFixed(0)} ms`
  if (value >= 10) return `${value.toFixed(1)} ms`
  if (value >= 1) return `${value.toFixed(2)} ms`
  return `${value.toFixed(3)} ms`
}

export const count = (value: number) => Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-US')

export const times = (value: number) => value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(1)}×`

export function bytes (value: number): string {
  if (value === 0) return '0'
  if (value >= 2 ** 20) return `${(value / 2 ** 20).toFixed(1)} MB`
  return `${(value / 1024).toFixed(0)} kB`
}

/** A markdown table. */
export function table (header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n')
}
