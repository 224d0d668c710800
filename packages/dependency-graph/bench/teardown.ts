export interface Teardowns {
  /** Registers a cleanup step: the `{ teardown(fn) }` that createTestDatabase expects. */
  teardown: (fn: () => unknown) => void
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
