import t from 'tap'
import { firstDifference } from '../src/first-difference.js'

t.test('equal texts have no difference', async t => {
  t.equal(firstDifference('a\nb\n', 'a\nb\n'), undefined)
})

t.test('a changed line shows with two lines of context', async t => {
  t.equal(firstDifference('a\nb\nc\nd\ne\n', 'a\nb\nc\nD\ne\n'), '@@ line 4 @@\n  b\n  c\n- d\n+ D')
})

t.test('added lines show alone; at most `limit` lines of each side', async t => {
  t.equal(firstDifference('a\nz\n', 'a\nb\nc\nz\n'), '@@ line 2 @@\n  a\n+ b\n+ c')
  t.equal(firstDifference('a\n', 'b\nc\nd\n', 2, 0), '@@ line 1 @@\n- a\n+ b\n+ c')
})
