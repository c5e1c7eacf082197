import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OPENAPI_FILE, generateOpenApiDocument } from './openapi-document';

const committedPath = path.resolve(__dirname, '..', '..', '..', OPENAPI_FILE);

describe('the committed OpenAPI document', () => {
  it(`equals what the code describes (regenerate with: npm run openapi:write)`, async () => {
    const generated = JSON.parse(JSON.stringify(await generateOpenApiDocument())) as unknown;
    if (!existsSync(committedPath))
      throw new Error(`${OPENAPI_FILE} is missing: run npm run openapi:write and commit it.`);
    const committed = JSON.parse(readFileSync(committedPath, 'utf8')) as unknown;
    if (JSON.stringify(committed) !== JSON.stringify(generated)) {
      // toEqual shows where they differ; the message says how to fix it.
      expect({
        hint: `${OPENAPI_FILE} is out of date: run npm run openapi:write and commit it.`,
        document: committed,
      }).toEqual({
        hint: `${OPENAPI_FILE} is out of date: run npm run openapi:write and commit it.`,
        document: generated,
      });
    }
  });

  it('documents every resource the issue lists', async () => {
    const document = await generateOpenApiDocument();
    expect(Object.keys(document.paths).sort()).toEqual(
      expect.arrayContaining([
        '/api/schools',
        '/api/schools/{id}',
        '/api/schools/{id}/calendar/{schoolYear}',
        '/api/staff',
        '/api/students',
        '/api/students/{id}',
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/events',
        '/api/cases/{id}/events/{eventId}',
        '/api/cases/{id}/timeline',
        '/api/cases/{id}/activity-plan',
        '/api/codec/decode',
        '/api/codec/encode',
      ]),
    );
    const recordEvent = document.paths['/api/cases/{id}/events']?.post;
    expect(recordEvent?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
      ]),
    );
  });
});
