import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { LRUCache } from 'lru-cache'

export type ListEncoding = 'br' | 'gzip'
/** The encodings kept compressed, the server's preference first. */
export const LIST_ENCODINGS: ListEncoding[] = ['br', 'gzip']

// Levels measured by `pnpm bench:serving` on the 3,000-document list: brotli 1 and gzip 1
// compress it about tenfold; higher levels gain 10-20 % for five to ten times the CPU.
const compressors: Record<ListEncoding, (body: Buffer) => Promise<Buffer>> = {
  br: body => promisify(zlib.brotliCompress)(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: body => promisify(zlib.gzip)(body, { level: 1 })
}

interface Entry {
  tag: string
  bytes: Buffer
}

/**
 * An organization list's compressed bytes, made once per ETag and encoding, off the event loop
 * (zlib's thread pool): a poll that accepts br or gzip costs a copy of about 1 MB, not the
 * 100-200 ms of compressing 10 MB again. Requests that arrive while one is compressed share it.
 */
export class ListEncodings {
  readonly #entries: LRUCache<string, Entry>
  readonly #pending = new Map<string, Promise<Buffer>>()

  constructor (maxBytes: number) {
    this.#entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: entry => Math.max(1, entry.bytes.length) })
  }

  /** The list of `organizationId` at `tag`, compressed; `body` makes its JSON when it must be compressed. */
  async encoded (organizationId: string, tag: string, encoding: ListEncoding, body: () => Buffer): Promise<Buffer> {
    const key = `${organizationId} ${encoding}`
    const kept = this.#entries.get(key)
    if (kept?.tag === tag) return kept.bytes
    const pendingKey = `${key} ${tag}`
    let pending = this.#pending.get(pendingKey)
    if (pending === undefined) {
      // Kept under the organization and encoding: a read serves it only while its tag is the
      // list's (so an older tag finishing last costs a compression, never a stale answer).
      pending = compressors[encoding](body()).then(bytes => {
        this.#entries.set(key, { tag, bytes })
        return bytes
      }).finally(() => this.#pending.delete(pendingKey))
      this.#pending.set(pendingKey, pending)
    }
    return await pending
  }
}
