import { serve } from '@incident-intel/service-kit'
import { buildApp } from './app.js'
import { loadIntelRequestsConfig } from './config.js'

const config = loadIntelRequestsConfig()
const app = await buildApp({ config })
await serve(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
