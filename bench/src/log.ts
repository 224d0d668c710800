const started = performance.now()

/** Seconds since the run started. */
export function elapsedSeconds (): number {
  return (performance.now() - started) / 1000
}

/** A progress line on stderr, stamped with the seconds since start. */
export function log (line: string): void {
  console.error(`[${elapsedSeconds().toFixed(1)} s] ${line}`)
}
