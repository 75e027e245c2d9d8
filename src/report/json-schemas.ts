// The JSON Schemas abifuzz publishes (schemas/*.json), made from the schemas its readers use.
import { z } from 'zod';
import { caseFileSchema } from './case-schema.js';
import { summarySchema } from './summary-schema.js';

export function jsonSchemas(): Record<string, unknown> {
  return {
    'summary.schema.json': { $id: 'https://abifuzz.invalid/schemas/summary.schema.json', title: 'abifuzz summary.json (and fuzz --json)', ...z.toJSONSchema(summarySchema) },
    'case.schema.json': { $id: 'https://abifuzz.invalid/schemas/case.schema.json', title: 'abifuzz case.json', ...z.toJSONSchema(caseFileSchema) },
  };
}
