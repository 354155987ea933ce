import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

/** A duration string such as `30s`, `500ms`, `2m`. */
export const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, 'expected a duration such as 500ms, 30s, 2m or 1h');

/** An http(s) URL. */
export const urlSchema = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
