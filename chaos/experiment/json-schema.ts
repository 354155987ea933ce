import { z } from 'zod';
import { experimentSchema } from './experiment-schema.js';

/**
 * The experiment file's JSON Schema (draft 2020-12) for editors, e.g. with the YAML language
 * server: `# yaml-language-server: $schema=./experiment.schema.json`. Describes the input side,
 * so keys with defaults are optional.
 */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, $id: 'https://faultline.dev/schemas/experiment.json', title: 'Faultline experiment' };
}
