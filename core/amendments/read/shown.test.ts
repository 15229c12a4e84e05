import { describe, expect, it } from 'vitest';
import { changeShown } from './shown';

const rule =
  'A section may be formed by a simple majority of members at a properly convened AGM or EGM of the Society. Its secretary shall tell the Society within a week.';

describe('changeShown', () => {
  it('reads an insertion named in the instruction from a quotation of one sentence', () => {
    const shown = changeShown(
      rule,
      'A section may be formed by a simple majority of members at a properly convened section AGM or EGM of the Society',
      'Insert section before AGM or EGM',
    );
    expect(shown).toEqual({
      ok: true,
      text: rule.replace('convened AGM', 'convened section AGM'),
      summary: '‘section’ inserted before ‘AGM’',
    });
  });

  it('reads a plural named by its singular, keeping the rule’s own quote marks elsewhere', () => {
    const current =
      'Run work parties on behalf of the Society’s members in their plot and other plots.';
    const shown = changeShown(
      current,
      "Run work parties on behalf of the Society's members in their plots and other plots.",
      'Pluralise the first instance of plot',
    );
    expect(shown).toMatchObject({ ok: true, summary: '‘plot’ becomes ‘plots’' });
    // The apostrophe the rule prints stays as printed: only the changed word is the quotation's.
    expect(shown.ok && shown.text).toBe(
      'Run work parties on behalf of the Society’s members in their plots and other plots.',
    );
  });

  it('refuses what the instruction does not name, a quotation of the rule as it stands, and a rewrite', () => {
    const insert = (quoted: string, prose: string) => changeShown(rule, quoted, prose);
    const sentence =
      'A section may be formed by a simple majority of members at a properly convened section AGM or EGM of the Society';
    expect(insert(sentence, 'Clarify the level of meeting')).toEqual({
      ok: false,
      reason: '‘section’, which the quotation changes, is not named in the instruction',
    });
    expect(insert(rule.split('. ')[0] as string, 'Insert section before AGM')).toMatchObject({
      ok: false,
      reason: 'the quotation is the rule as it stands',
    });
    expect(
      insert(
        'A branch may be dissolved by two thirds of the committee at any meeting it calls of the Society',
        'Replace this with branch dissolved two thirds committee any meeting it calls',
      ),
    ).toMatchObject({
      ok: false,
      reason: 'the quotation differs from the rule by more than a few words',
    });
    expect(insert('A section may be', 'Insert')).toMatchObject({ ok: false });
    // Words before the rule's own: not a change the quotation can show.
    expect(
      insert(`Each new ${rule.split('. ')[0]?.slice(2)}`, 'Insert each new at the start'),
    ).toMatchObject({ ok: false });
  });
});
