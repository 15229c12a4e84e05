/**
 * The JSON Schema files in schemas/json/ are generated from the zod schemas, for people and tools
 * outside TypeScript (a party writing its own profile, an API client). This test fails when a
 * file drifts from its schema; regenerate with UPDATE_SCHEMAS=1 and commit the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from './api';
import * as collab from './collab';
import * as profile from './profile';

const SCHEMAS: Record<string, z.ZodType> = {
  profile: profile.profileSchema,
  'create-motion': api.createMotionSchema,
  'import-motion': api.importMotionSchema,
  'add-amendment': api.addAmendmentSchema,
  'import-edition': api.importEditionSchema,
  'sign-in': api.signInSchema,
  'change-password': api.changePasswordSchema,
  'create-body': api.createBodySchema,
  'accept-invite': api.acceptInviteSchema,
  role: api.roleBodySchema,
  transition: api.transitionRequestSchema,
  'amendment-kind': collab.amendmentKindSchema,
};

describe('generated JSON Schema files', () => {
  it.each(Object.entries(SCHEMAS))(
    'schemas/json/%s.json matches its zod schema',
    (name, schema) => {
      const file = new URL(`./json/${name}.json`, import.meta.url);
      const text = `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
      if (process.env.UPDATE_SCHEMAS || !existsSync(file)) writeFileSync(file, text);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );
});
