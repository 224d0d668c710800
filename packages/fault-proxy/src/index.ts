export { startFaultProxy } from './fault-proxy.js'
export type { FaultMode, FaultProxy, FaultProxyOptions, FaultProxyStats } from './fault-proxy.js'
