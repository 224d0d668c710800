import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

/** A seeded generator: the same seed gives the same sequence of draws. */
export class Random {
  readonly #rng: RandomGenerator

  constructor (seed: number) {
    this.#rng = xoroshiro128plus(seed)
  }

  /** An integer from min to max, both included. */
  int (min: number, max: number): number {
    return uniformInt(this.#rng, min, max)
  }

  /** A float in [min, max). */
  between (min: number, max: number): number {
    return min + uniformFloat64(this.#rng) * (max - min)
  }

  chance (probability: number): boolean {
    return uniformFloat64(this.#rng) < probability
  }

  /** A standard normal draw (Box-Muller). */
  normal (): number {
    const u = 1 - uniformFloat64(this.#rng)
    const v = uniformFloat64(this.#rng)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  pick<T> (items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list')
    return items[this.int(0, items.length - 1)]!
  }

  /** One of the values, each as likely as its weight. */
  weighted<T> (choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let draw = this.between(0, total)
    for (const [value, weight] of choices) {
      draw -= weight
      if (draw < 0) return value
    }
    return choices[choices.length - 1]![0]
  }

  /** Up to `count` distinct items, in draw order. */
  sample<T> (items: readonly T[], count: number): T[] {
    const pool = [...items]
    const taken: T[] = []
    while (taken.length < count && pool.length > 0) {
      const index = this.int(0, pool.length - 1)
      taken.push(pool[index]!)
      pool[index] = pool[pool.length - 1]!
      pool.pop()
    }
    return taken
  }
}
