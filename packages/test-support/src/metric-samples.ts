/**
 * The value of one sample on a service's /metrics, named as Prometheus prints it, labels and all
 * (`name{label="value"}`); throws when the scrape does not carry it.
 */
export async function readMetricSample (origin: string, sample: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(10_000) })).text()
  const line = text.split('\n').find(line => line.startsWith(`${sample} `))
  if (line === undefined) throw new Error(`${origin}/metrics has no sample ${sample}`)
  return Number(line.slice(sample.length + 1))
}
