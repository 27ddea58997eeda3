import { JSON_BODY_LIMIT } from './body-limit';
import type { BodyPolicy } from './guard';

/** Every JSON API route: capped at JSON_BODY_LIMIT, and its strings must be storable text. */
export const JSON_BODY: BodyPolicy = { limit: JSON_BODY_LIMIT, json: true };
