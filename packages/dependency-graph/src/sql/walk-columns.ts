import type { Direction } from '../record-types.js'

/**
 * The only identifiers a walk puts into SQL, chosen by direction from this table, never from
 * input: `near` is the side a step leaves from, `far` the side it arrives at.
 */
export const WALK_COLUMNS: Record<Direction, { near: 'blocker' | 'dependent', far: 'blocker' | 'dependent' }> = {
  dependents: { near: 'blocker', far: 'dependent' },
  blockers: { near: 'dependent', far: 'blocker' }
}
