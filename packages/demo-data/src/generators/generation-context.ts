import { Faker, base, en, en_US as enUS } from '@faker-js/faker'
import { demoId } from '../demo-ids.js'
import type { Metro } from '../places.js'
import { Random } from '../random.js'
import { emptyDemoDataSet, type DemoDataSet } from './demo-data-set.js'
import { FAN_OUT, type FanOut, type Shape } from './shapes.js'

/** Every timestamp is relative to this fixed date, never to now(), so the rows are the same every time. */
export const REFERENCE_DATE = new Date('2026-06-01T12:00:00.000Z')

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface Organization {
  id: string
  metro: Metro
  created: number
}

export interface Place {
  locationId: string
  locality: string
  street: string
  lat: number
  lon: number
}

/**
 * What every generator shares. The draws of `random` and `faker` and the row numbers behind
 * `nextId` are taken in generation order: the same seed gives the same rows only while the
 * generators run in the same order.
 */
export interface GenerationContext {
  seed: number
  random: Random
  faker: Faker
  /** The id of the next row of `table`. */
  nextId: (table: string) => string
  /** `time` as a timestamp, never after the reference date. */
  at: (time: number) => string
  /** REFERENCE_DATE in milliseconds. */
  reference: number
  /** How many related records each incident gets. */
  fanOut: FanOut
  data: DemoDataSet
}

export function createGenerationContext (seed: number, shape: Shape = 'demo'): GenerationContext {
  const faker = new Faker({ locale: [enUS, en, base] })
  faker.seed(seed)
  const counters = new Map<string, number>()
  const reference = REFERENCE_DATE.getTime()
  return {
    seed,
    random: new Random(seed),
    faker,
    nextId: table => {
      const index = counters.get(table) ?? 0
      counters.set(table, index + 1)
      return demoId(seed, table, index)
    },
    at: time => new Date(Math.min(time, reference)).toISOString(),
    reference,
    fanOut: FAN_OUT[shape],
    data: emptyDemoDataSet()
  }
}

export function round6 (value: number): number {
  return Math.round(value * 1e6) / 1e6
}
