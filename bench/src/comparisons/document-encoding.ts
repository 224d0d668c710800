import { Packr } from 'msgpackr'
import { Bench } from 'tinybench'
import { decodeDocument, encodeDocument, type CurrentIncidentDocument } from '@incident-intel/incidents-api/cache/document-codec'

export interface EncodingResult {
  encoding: string
  /** Readable by any MessagePack library (no msgpackr record extension). */
  portable: boolean
  bytes_per_document: number
  encode_us: number
  decode_us: number
}

/**
 * Encodes and decodes the benchmark's own documents each way, as the cache's writes and reads
 * do: one document at a time. The records mode shares structures between values, which a
 * reader can only decode with msgpackr and the same structures: it is measured, not used.
 */
export async function measureEncodings (documents: CurrentIncidentDocument[], iterations: number): Promise<EncodingResult[]> {
  const records = new Packr({ useRecords: true, structures: [] })
  const candidates = [
    { encoding: 'msgpack plain (in use)', portable: true, encode: encodeDocument, decode: decodeDocument },
    { encoding: 'msgpack records', portable: false, encode: (d: CurrentIncidentDocument) => records.pack(d), decode: (b: Buffer) => records.unpack(b) },
    { encoding: 'JSON', portable: true, encode: (d: CurrentIncidentDocument) => Buffer.from(JSON.stringify(d)), decode: (b: Buffer) => JSON.parse(b.toString()) }
  ]
  const results: EncodingResult[] = []
  for (const candidate of candidates) {
    const encoded = documents.map(candidate.encode)
    let i = 0
    const bench = new Bench({ iterations, warmupIterations: Math.min(iterations, 100) })
    bench.add('encode', () => { candidate.encode(documents[i++ % documents.length]!) })
    bench.add('decode', () => { candidate.decode(encoded[i++ % encoded.length]!) })
    await bench.run()
    const [encode, decode] = bench.tasks.map(task => (task.result as { latency: { p50: number } }).latency.p50 * 1000)
    results.push({
      encoding: candidate.encoding,
      portable: candidate.portable,
      bytes_per_document: Math.round(encoded.reduce((sum, buffer) => sum + buffer.length, 0) / encoded.length),
      encode_us: encode!,
      decode_us: decode!
    })
  }
  return results
}
