/**
 * Keeps the first places of the ranking for the evidence that earns them: a location of a weak kind
 * goes no higher than a given place, the ones above it move up one. The test of just-edited code
 * (testOfEditedCode.ts) is weighted level with the nearest nearby window, so it only takes places that
 * weak fallbacks would hold; where the cursor's file has few candidates at all, this keeps it from
 * the second and third places too (a same-file hit at rank 3 was pushed out on the dev set without it).
 */
import type { LocationReason, NextEditLocation } from '../types';

/** The highest place (0-based, after the region) each such kind of location may take. */
export const HIGHEST_PLACE: Readonly<Partial<Record<LocationReason, number>>> = { 'test-of-edit': 2 };

export function lowerSlots(locations: NextEditLocation[], highest: Readonly<Partial<Record<LocationReason, number>>> = HIGHEST_PLACE): NextEditLocation[] {
  const out: NextEditLocation[] = [];
  const waiting: NextEditLocation[] = [];
  for (const l of locations) {
    // Those waiting take their place as soon as the list reaches it, in their order.
    while (waiting.length && out.length >= highest[waiting[0]!.reason]!) out.push(waiting.shift()!);
    const floor = highest[l.reason];
    if (floor !== undefined && out.length < floor) waiting.push(l);
    else out.push(l);
  }
  return [...out, ...waiting];
}
