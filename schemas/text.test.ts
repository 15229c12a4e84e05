import { describe, expect, it } from 'vitest';
import { hiddenCharacter, nameKey, normaliseText, plainText } from './text';

describe('plain text people type', () => {
  it('finds the first hidden character, counting characters as people do', () => {
    expect(hiddenCharacter('Sam Secretary')).toBeNull();
    expect(hiddenCharacter('Sam\tSecretary\n')).toBeNull();
    expect(hiddenCharacter('👩‍⚖️ Chair')).toBeNull(); // a zero-width joiner inside an emoji
    expect(hiddenCharacter('نامه‌ها')).toBeNull(); // a Persian zero-width non-joiner
    expect(hiddenCharacter('😀\u202eSam')).toEqual({ char: '\u202e', at: 2 });
    expect(hiddenCharacter('a\u0085b')).toEqual({ char: '\u0085', at: 2 }); // C1 next line
    expect(hiddenCharacter('a\ud800b')).toEqual({ char: '\ud800', at: 2 }); // a lone surrogate
    expect(hiddenCharacter('\ufeffSam')).toEqual({ char: '\ufeff', at: 1 });
  });

  it('normalises whitespace and composes characters', () => {
    expect(normaliseText('  Sam \n\t Secretary ')).toBe('Sam Secretary');
    expect(normaliseText('Cafe\u0301')).toBe('Café');
    expect(normaliseText(' one  line\r\n\r\n\r\n\r\ntwo ', true)).toBe('one line\n\ntwo');
  });

  it('reads a field: refuses, then normalises, then measures what is stored', () => {
    const title = plainText({ min: 1, max: 10, tooShort: 'a title' });
    expect(title.parse('  Open \n x ')).toBe('Open x');
    expect(title.safeParse('   ').error?.issues[0]?.message).toBe('a title');
    expect(title.safeParse('Open\u200b').error?.issues[0]?.message).toBe(
      'contains U+200B (zero-width space) at character 5; remove it',
    );
    expect(title.safeParse('x'.repeat(11)).success).toBe(false);
  });

  it('tells names apart only by what shows', () => {
    expect(nameKey(' Sam  SECRETARY ')).toBe(nameKey('sam secretary'));
    expect(nameKey('Ｓａｍ')).toBe(nameKey('sam')); // full-width forms
    expect(nameKey('Sam Secretary')).not.toBe(nameKey('Sam Secretary (Eastside)'));
  });
});
