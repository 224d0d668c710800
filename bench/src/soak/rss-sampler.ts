import { readFile } from 'node:fs/promises'

/** VmRSS of a live process, from /proc (Linux). */
async function readRss (pid: number): Promise<number> {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))
  if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** Samples each process's RSS every `intervalMs` as [seconds since sampling began, bytes]; max and end count from markStart() on. */
export function sampleRss (pids: Record<string, number>, intervalMs = 1000) {
  const began = performance.now()
  const series: Record<string, { samples: Array<[seconds: number, bytes: number]> }> = Object.fromEntries(Object.keys(pids).map(name => [name, { samples: [] }]))
  let startIndex: Record<string, number> = {}
  const tick = () => {
    const seconds = Math.round((performance.now() - began) / 100) / 10
    // A process that has gone has no RSS; its exit is reported elsewhere.
    for (const [name, pid] of Object.entries(pids)) readRss(pid).then(bytes => { series[name]!.samples.push([seconds, bytes]) }, () => {})
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  return {
    /** The latest sample of each process, by name. */
    latest: () => Object.fromEntries(Object.entries(series).map(([name, { samples }]) => [name, samples.at(-1)?.[1]])),
    /** Marks the end of the warm-up: what `summary` calls the start. */
    markStart: () => { startIndex = Object.fromEntries(Object.entries(series).map(([name, { samples }]) => [name, Math.max(0, samples.length - 1)])) },
    summary: () => Object.fromEntries(Object.entries(series).map(([name, { samples }]) => {
      const during = samples.slice(startIndex[name] ?? 0).map(([, bytes]) => bytes)
      const start = during[0] ?? 0
      const end = during.at(-1) ?? 0
      return [name, { start_bytes: start, end_bytes: end, max_bytes: Math.max(0, ...during), growth_bytes: end - start }]
    })),
    series: () => series,
    stop: () => { clearInterval(timer) }
  }
}
