import t from 'tap'
import { decodeCursor, encodeCursor, type CanonicalUuid } from '../src/index.js'

const ID = '0029929e-aa31-30cd-9712-89ec94423623' as CanonicalUuid
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

t.test('a cursor names its position again, microseconds and offset kept', async t => {
  const position = { created: '2024-05-01 12:00:00.123456+00', id: ID }
  const cursor = encodeCursor(position)
  t.equal(cursor, encode(position))
  t.strictSame(decodeCursor(cursor), position)
  t.strictSame(decodeCursor(encodeCursor({ created: '2024-05-01 12:00:00+05:30', id: ID })), { created: '2024-05-01 12:00:00+05:30', id: ID })
})

t.test('an id in another letter case comes back canonical', async t => {
  t.strictSame(decodeCursor(encode({ created: '2024-05-01 12:00:00+00', id: ID.toUpperCase() })), { created: '2024-05-01 12:00:00+00', id: ID })
})

t.test('anything encodeCursor did not make is undefined', async t => {
  for (const cursor of [
    'not-a-cursor',
    encode(null),
    encode([1]),
    encode('just a string'),
    encode({ created: '2024-05-01 00:00:00+00' }),
    encode({ created: '2024-05-01 00:00:00+00', id: 'abc' }),
    encode({ created: 'yesterday', id: ID }),
    encode({ created: '2024-13-45 10:00:00+00', id: ID }),
    encode({ created: '2024-03-01 25:00:00.000004+00', id: ID }),
    encode({ created: '12024-03-01 10:00:00+00', id: ID }),
    Buffer.from('{"created":').toString('base64url')
  ]) t.equal(decodeCursor(cursor), undefined, cursor)
})
