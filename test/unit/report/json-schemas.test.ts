import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/report/json-schemas.js';

describe('published JSON Schemas', () => {
  it('schemas/*.json are what the readers validate against (npm run schemas rewrites them)', async () => {
    for (const [name, schema] of Object.entries(jsonSchemas()))
      expect(JSON.parse(await readFile(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')), name).toEqual(schema);
  });
});
