import type { JourneyName } from '../profiles/profile.js';
import { browse } from './browse.js';
import { checkout } from './checkout.js';
import type { Journey } from './journey.js';
import { weightedJourney } from './mixed.js';

/** `mixed`: one checkout for every three browses (a shop's typical read-heavy traffic). */
export const mixed: Journey = weightedJourney([
  { name: 'checkout', journey: checkout, weight: 1 },
  { name: 'browse', journey: browse, weight: 3 },
]);

/** Every journey by name; both engines look journeys up here. */
export const JOURNEY_REGISTRY: Readonly<Record<JourneyName, Journey>> = { checkout, browse, mixed };
