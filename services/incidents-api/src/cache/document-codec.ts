import type { Static } from '@sinclair/typebox'
import { Packr } from 'msgpackr'
import type { CurrentIncidentDocumentSchema } from '../schemas/current-incidents.js'

// Plain MessagePack (no record extension): the sender and other readers decode these values
// with any MessagePack library. bench/document-encoding.bench.ts measures the alternatives.
const packr = new Packr({ useRecords: false, moreTypes: false })

export type CurrentIncidentDocument = Static<typeof CurrentIncidentDocumentSchema>

export function encodeDocument (document: CurrentIncidentDocument): Buffer {
  return packr.pack(document)
}

export function decodeDocument (value: Buffer): CurrentIncidentDocument {
  return packr.unpack(value) as CurrentIncidentDocument
}
