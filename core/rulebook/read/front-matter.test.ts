import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostics';
import type { RulebookMeta } from '../types';
import { FRONT_MATTER_CHARS, readFrontMatter } from './front-matter';

const read = (yaml: string, edition?: string) => {
  const meta: RulebookMeta = { organisation: 'Org', title: 'Rule Book', edition: edition ?? '' };
  const diagnostics: Diagnostic[] = [];
  readFrontMatter(yaml, 1, meta, edition, diagnostics);
  return { meta, ids: diagnostics.map((d) => d.ruleId), diagnostics };
};

describe('readFrontMatter', () => {
  it('reads organisation, title and edition as strings', () => {
    expect(read('organisation: Party\ntitle: Rules\nedition: 2024').meta).toEqual({
      organisation: 'Party',
      title: 'Rules',
      edition: '2024',
    });
  });

  it('reports bad YAML with its first line only', () => {
    const { diagnostics } = read('edition: [unclosed');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.ruleId).toBe('front-matter');
    expect(diagnostics[0]?.message).not.toContain('\n');
  });

  it('refuses a block longer than three short fields need, without parsing it', () => {
    expect(read(`title: ${'x'.repeat(FRONT_MATTER_CHARS)}`).ids).toEqual(['front-matter']);
  });

  it('needs an edition unless the caller gave one', () => {
    expect(read('title: Rules').ids).toEqual(['no-edition']);
    expect(read('edition: "  "').diagnostics[0]?.message).toContain('empty edition');
    const given = read('title: Rules', '2030');
    expect(given.ids).toEqual([]);
    expect(given.meta.edition).toBe('2030');
  });
});
