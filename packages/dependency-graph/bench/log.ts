const started = performance.now()

/** A progress line on stderr, stamped with the seconds since start, so stdout keeps only the report. */
export function log (line: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`)
}
