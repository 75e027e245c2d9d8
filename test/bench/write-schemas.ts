// npm run schemas: writes schemas/*.json from the schemas the readers use (a test keeps them in step).
import { writeFile, mkdir } from 'node:fs/promises';
import { jsonSchemas } from '../../src/report/json-schemas.js';

await mkdir('schemas', { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) await writeFile(`schemas/${name}`, JSON.stringify(schema, null, 2) + '\n');
console.log(`wrote ${Object.keys(jsonSchemas()).map((n) => `schemas/${n}`).join(', ')}`);
