import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Teardown } from './teardown.js'

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/** How a test token is signed: HS256 with a secret, or RS256 / ES256 with a private key. */
export type JwtSigningKey =
  | { alg: 'HS256', secret: string }
  | { alg: 'RS256' | 'ES256', privateKey: KeyObject, kid?: string }

/**
 * A compact JWS of `payload`, signed with node:crypto alone (no JWT library), so that the
 * services' verifier is checked against the standard, not against its own signer.
 */
export function signJwt (payload: Record<string, unknown>, key: JwtSigningKey): string {
  const header = { alg: key.alg, typ: 'JWT', ...('kid' in key && key.kid !== undefined ? { kid: key.kid } : {}) }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`
  const signature = key.alg === 'HS256'
    ? createHmac('sha256', key.secret).update(input).digest()
    : sign('sha256', Buffer.from(input), key.alg === 'ES256' ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' } : key.privateKey)
  return `${input}.${base64url(signature)}`
}

/** A fresh RSA key pair for RS256, the public key also as PEM and as a JWK named `kid`. */
export function rsaKeyPair (kid = 'test-key') {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    kid
  }
}

/** Serves `{ keys }` as a JWKS on a free local port until teardown; resolves to its URL. */
export async function serveJwks (t: Teardown, keys: object[]): Promise<string> {
  const body = JSON.stringify({ keys })
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys/jwks.json`
}
