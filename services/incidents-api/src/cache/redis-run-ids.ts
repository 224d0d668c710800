import { Cluster } from 'ioredis'
import type { RedisClient } from '@incident-intel/service-kit'

/**
 * The run ids of every Redis process that holds the cache's keys: the one server's, or on a
 * Redis Cluster every master's, sorted and comma-joined. A cluster's epoch is the set of its
 * masters: a replica promoted (lagging or not) or a master restarted from an older file serves
 * some organizations' slots under a run id the set did not have, wherever EPOCH_KEY lives.
 */
export async function readRedisRunIds (redis: RedisClient): Promise<string> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis]
  if (nodes.length === 0) throw new Error('the cluster client knows no master')
  const infos = await Promise.all(nodes.map(async node => node.info('server')))
  return infos.map(info => /run_id:(\w+)/.exec(info)?.[1] ?? '').sort().join(',')
}
