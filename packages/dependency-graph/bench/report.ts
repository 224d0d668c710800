import os from 'node:os'
import type { Queryable } from '@incident-intel/db'
import type { Settings, TaskTiming } from './tasks.js'

export interface Machine {
  cpu: string
  cores: number
  os: string
  node: string
  postgres: string
}

export async function describeMachine (db: Queryable): Promise<Machine> {
  const { rows } = await db.query<{ server_version: string }>('show server_version')
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: rows[0]!.server_version
  }
}

export interface Ratio {
  id: string
  name: string
  value: number
  text: string
}

export interface Report {
  mode: 'full' | 'quick'
  settings: Settings
  machine: Machine
  tasks: TaskTiming[]
  ratios: Ratio[]
}

/** Milliseconds with about three significant digits. */
function ms (value: number): string {
  if (value >= 100) return value.toFixed(1)
  if (value >= 1) return value.toFixed(2)
  return value.toFixed(3)
}

const times = (value: number) => `${value.toFixed(1)}x`

export function computeRatios (tasks: TaskTiming[], roots: number): Ratio[] {
  const median = (id: string) => tasks.find(t => t.id === id)!.median_ms
  const ratio = (id: string, name: string, value: number, text: string): Ratio => ({ id, name, value, text })
  const perRootInBatch = median('3') / roots
  return [
    ratio('4/3', `${roots} roots: one call per root vs ONE call`, median('4') / median('3'),
      `${times(median('4') / median('3'))} (${ms(median('4'))} ms vs ${ms(median('3'))} ms per batch)`),
    ratio('5/(3/n)', 'one root: a call of its own vs its share of ONE call', median('5') / perRootInBatch,
      `${times(median('5') / perRootInBatch)} (${ms(median('5'))} ms vs ${ms(perRootInBatch)} ms)`),
    ratio('1/2', 'lattice 10x5: max_distance 10 vs 5', median('1') / median('2'),
      `${times(median('1') / median('2'))} (${ms(median('1'))} ms vs ${ms(median('2'))} ms)`)
  ]
}

function table (header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)))
  const line = (cells: string[]) => cells
    .map((cell, i) => rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))
    .join('  ').trimEnd()
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

export function formatReport (report: Report): string {
  const { machine, settings } = report
  const rows = report.tasks.map(t => [
    `(${t.id})`, t.name, String(t.iterations), ms(t.median_ms), ms(t.p99_ms), ms(t.min_ms), t.result
  ])
  const ratioRows = report.ratios.map(r => [`(${r.id})`, r.name, r.text])
  return [
    `Dependency resolution benchmark, ${report.mode}: ${settings.iterations} timed iterations per task after ${settings.warmupIterations} warm-up`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}`,
    `Node ${machine.node}, PostgreSQL ${machine.postgres}`,
    '',
    table(['#', 'task', 'iterations', 'median ms', 'p99 ms', 'min ms', 'result'], rows, new Set([2, 3, 4, 5])),
    '',
    'Ratios (of medians)',
    table(['#', 'comparison', 'ratio'], ratioRows, new Set()),
    ''
  ].join('\n')
}
