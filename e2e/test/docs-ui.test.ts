import t from 'tap'
import { launchChromium } from './helpers/browser-chromium.js'
import { startServices } from './helpers/start-services.js'

interface OpenApiOperation {
  operationId?: string
  summary?: string
  tags?: string[]
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const browser = await launchChromium(t)
const { urls } = await startServices(t)

for (const [service, origin] of [['incidents-api', urls.incidents], ['intel-requests-api', urls.intelRequests]] as const) {
  t.test(`${service}: /docs renders every operation of /openapi.json in a real browser`, async t => {
    const document = await (await fetch(`${origin}/openapi.json`)).json() as { paths: Record<string, Record<string, OpenApiOperation>> }
    const operations = Object.values(document.paths).flatMap(methods =>
      Object.entries(methods).filter(([method]) => METHODS.includes(method)).map(([, operation]) => operation))
    t.ok(operations.length > 10, `${service} documents its operations (${operations.length})`)

    const page = await browser.newPage()
    t.teardown(() => page.close())
    const pageErrors: string[] = []
    page.on('pageerror', error => pageErrors.push(error.message))
    const response = await page.goto(`${origin}/docs`)
    t.equal(response?.status(), 200)

    // Swagger UI fetches the document and renders it all at once: the title, then the operations.
    await page.locator('.information-container .title').waitFor({ timeout: 20_000 })
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 })
    t.match(await page.locator('.information-container .title').innerText(), service)
    // An operation is listed once under each of its tags (untagged ones under "default").
    const expected = operations.reduce((count, operation) => count + Math.max(1, operation.tags?.length ?? 0), 0)
    t.equal(await page.locator('.opblock').count(), expected, 'one rendered operation per operation and tag')

    const health = operations.find(operation => operation.operationId === 'getHealth')
    t.equal(health?.summary, 'Liveness: the process answers')
    const summary = page.locator('.opblock-summary-description', { hasText: health!.summary! })
    t.equal(await summary.count(), 1)
    t.equal(await summary.isVisible(), true, 'the summary is shown')
    // Opening an operation shows its details, with the control to call it.
    await summary.click()
    await page.locator('.opblock.is-open .try-out__btn').waitFor({ timeout: 10_000 })
    t.equal(await page.locator('.opblock.is-open').count(), 1)

    t.strictSame(pageErrors, [], 'no script error on the page')
  })
}
