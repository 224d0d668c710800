import { readFile } from 'node:fs/promises'

export interface RssSeries {
  /** Seconds since sampling began, and resident set size in bytes, per sample. */
  samples: Array<[seconds: number, bytes: number]>
}

export interface RssSampler {
  /** The latest sample of each process, by name. */
  latest: () => Record<string, number | undefined>
  /** Marks the end of the warm-up: what `summary` calls the start. */
  markStart: () => void
  summary: () => Record<string, RssSummary>
  series: () => Record<string, RssSeries>
  stop: () => void
}

export interface RssSummary {
  start_bytes: number
  end_bytes: number
  max_bytes: number
  growth_bytes: number
}

/** VmRSS of a live process, from /proc (Linux). */
export async function readRss (pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** Samples each process's RSS every `intervalMs`; max and end count from markStart() on. */
export function sampleRss (pids: Record<string, number>, intervalMs = 1000): RssSampler {
  const began = performance.now()
  const series: Record<string, RssSeries> = Object.fromEntries(Object.keys(pids).map(name => [name, { samples: [] }]))
  let startIndex: Record<string, number> = {}
  const sample = async () => {
    const seconds = Math.round((performance.now() - began) / 100) / 10
    await Promise.all(Object.entries(pids).map(async ([name, pid]) => {
      // A process that has gone has no RSS; its exit is reported elsewhere.
      const bytes = await readRss(pid).catch(() => undefined)
      if (bytes !== undefined) series[name]!.samples.push([seconds, bytes])
    }))
  }
  const tick = () => { sample().catch(() => {}) }
  tick()
  const timer = setInterval(tick, intervalMs)
  return {
    latest: () => Object.fromEntries(Object.entries(series).map(([name, { samples }]) => [name, samples.at(-1)?.[1]])),
    markStart: () => {
      startIndex = Object.fromEntries(Object.entries(series).map(([name, { samples }]) => [name, Math.max(0, samples.length - 1)]))
    },
    summary: () => Object.fromEntries(Object.entries(series).map(([name, { samples }]) => {
      const during = samples.slice(startIndex[name] ?? 0).map(([, bytes]) => bytes)
      const start = during[0] ?? 0
      const end = during.at(-1) ?? 0
      return [name, { start_bytes: start, end_bytes: end, max_bytes: Math.max(0, ...during), growth_bytes: end - start }]
    })),
    series: () => series,
    stop: () => clearInterval(timer)
  }
}
