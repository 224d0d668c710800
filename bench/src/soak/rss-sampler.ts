import { readFile } from 'node:fs/promises'

/** Samples each process's VmRSS (Linux /proc) every second as [seconds since sampling began, bytes]; the summary counts from markStart() on. */
export function sampleRss (pids: Record<string, number>) {
  const began = performance.now()
  const series = Object.fromEntries(Object.keys(pids).map(name => [name, [] as Array<[seconds: number, bytes: number]>]))
  const tick = () => {
    const seconds = Math.round((performance.now() - began) / 100) / 10
    for (const [name, pid] of Object.entries(pids)) {
      // A process that has gone has no RSS; its exit is reported elsewhere.
      readFile(`/proc/${pid}/status`, 'utf8').then(status => {
        const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1]
        if (kb !== undefined) series[name]!.push([seconds, Number(kb) * 1024])
      }, () => {})
    }
  }
  tick()
  const timer = setInterval(tick, 1000)
  let start: Record<string, number> = {}
  return {
    series,
    /** The latest sample of each process, by name. */
    latest: () => Object.entries(series).map(([name, samples]) => [name, samples.at(-1)?.[1]] as const),
    /** Marks the end of the warm-up: what `summary` calls the start. */
    markStart: () => { start = Object.fromEntries(Object.entries(series).map(([name, samples]) => [name, Math.max(0, samples.length - 1)])) },
    summary: () => Object.fromEntries(Object.entries(series).map(([name, samples]) => {
      const during = samples.slice(start[name] ?? 0).map(([, bytes]) => bytes)
      const [first = 0, end = 0] = [during[0], during.at(-1)]
      return [name, { start_bytes: first, end_bytes: end, max_bytes: Math.max(0, ...during), growth_bytes: end - first }]
    })),
    stop: () => { clearInterval(timer) }
  }
}
