import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse, stringify } from 'yaml'

/** The shipped alert rules: the one home of their expressions and thresholds. */
export const RULES_FILE = fileURLToPath(new URL('../../../../ops/prometheus/rules/incident-intel.rules.yml', import.meta.url))

interface AlertRule {
  alert: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
}

export interface ScrapeVerdict {
  passed: boolean
  /** promtool's report: on a failure, which alerts fired that were not expected, or the reverse. */
  output: string
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/

/** Each sample of a /metrics text as a promtool input series held at its value for an hour, with `labels` added. */
function inputSeries (scrape: string, labels: Record<string, string>) {
  const added = Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`)
  return scrape.split('\n').flatMap(line => {
    const sample = SAMPLE.exec(line)
    if (!sample || !Number.isFinite(Number(sample[3]))) return []
    const [, name, own, value] = sample
    return [{ series: `${name}{${[...(own ? [own] : []), ...added].join(',')}}`, values: `${Number(value)}x60` }]
  })
}

/**
 * Evaluates every alert of RULES_FILE with promtool on the series of a real scrape, held for an
 * hour (past every `for:`): passes when exactly the alerts in `firing` fire, each with the label
 * sets given (beside `job`, `instance` and the rule's own labels), and every other alert is silent.
 */
export async function evaluateAlertsOnScrape (scrape: string, { job, instance, firing }: {
  job: string
  instance: string
  firing: Record<string, Array<Record<string, string>>>
}): Promise<ScrapeVerdict> {
  const rules = (parse(await readFile(RULES_FILE, 'utf8')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap(group => group.rules)
  const unknown = Object.keys(firing).filter(name => !rules.some(rule => rule.alert === name))
  if (unknown.length > 0) throw new Error(`no such alert in ${RULES_FILE}: ${unknown.join(', ')}`)
  const test = {
    rule_files: [RULES_FILE],
    evaluation_interval: '1m',
    tests: [{
      interval: '1m',
      input_series: inputSeries(scrape, { job, instance }),
      alert_rule_test: rules.map(rule => ({
        eval_time: '30m',
        alertname: rule.alert,
        exp_alerts: (firing[rule.alert] ?? []).map(labels => ({
          exp_labels: { ...rule.labels, job, instance, ...labels },
          exp_annotations: rule.annotations ?? {}
        }))
      }))
    }]
  }
  const dir = await mkdtemp(join(tmpdir(), 'alerts-'))
  try {
    const file = join(dir, 'scrape.test.yml')
    await writeFile(file, stringify(test))
    const { stdout, stderr } = await promisify(execFile)('promtool', ['test', 'rules', file], { maxBuffer: 16 * 1024 * 1024 })
      .catch((error: { stdout?: string, stderr?: string, code?: unknown }) => {
        if (error.code === 'ENOENT') throw new Error('promtool is not installed (Debian: apt-get install prometheus; scripts/setup.sh does)')
        return { stdout: error.stdout ?? '', stderr: `${error.stderr ?? ''}\nFAILED` }
      })
    return { passed: !stderr.includes('FAILED') && stdout.includes('SUCCESS'), output: `${stdout}${stderr}` }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
