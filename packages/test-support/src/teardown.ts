/** What the harness needs of a tap test (or the benchmark's stand-in): a place to register cleanup. */
export interface Teardown {
  teardown: (fn: () => unknown) => void
}

/** A Teardown outside tap (benchmark scripts), and a way to run what was registered. */
export interface Teardowns extends Teardown {
  /** Runs every step once, last registered first; later calls wait for the same run. */
  run: () => Promise<void>
}

export function createTeardowns (): Teardowns {
  const steps: Array<() => unknown> = []
  let running: Promise<void> | undefined
  return {
    teardown: (fn) => { steps.push(fn) },
    run: () => {
      running ??= (async () => {
        for (const step of steps.reverse()) {
          try {
            await step()
          } catch (error) {
            console.error('teardown step failed:', error)
          }
        }
      })()
      return running
    }
  }
}
