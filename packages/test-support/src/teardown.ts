/** What the harness needs of a tap test (or the benchmark's stand-in): a place to register cleanup. */
export interface Teardown {
  teardown: (fn: () => unknown) => void
}
