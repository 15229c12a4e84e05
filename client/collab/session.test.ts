import { describe, expect, it } from 'vitest';
import { collabUrl, isMotionChanged, refusalOf, saveStatus } from './session';

describe('session status', () => {
  it('is saved only when connected, synced and nothing is pending', () => {
    const base = { connected: true, everConnected: true, synced: true, unsynced: 0 };
    expect(saveStatus(base)).toBe('saved');
    expect(saveStatus({ ...base, unsynced: 2 })).toBe('saving');
    expect(saveStatus({ ...base, synced: false })).toBe('saving');
    expect(saveStatus({ ...base, connected: false })).toBe('offline');
    expect(saveStatus({ ...base, connected: false, everConnected: false })).toBe('connecting');
  });

  it('uses the page origin for the socket', () => {
    expect(collabUrl({ protocol: 'https:', host: 'redline.example' })).toBe(
      'wss://redline.example/collab',
    );
    expect(collabUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/collab',
    );
  });
});

describe('server messages', () => {
  it('reads the refusal reasons the server sends', () => {
    expect(refusalOf('Signed out')).toBe('signed-out');
    expect(refusalOf('Forbidden')).toBe('forbidden');
    expect(refusalOf('No such motion')).toBe('unknown-motion');
    expect(refusalOf('Draft too large')).toBe('draft-too-large');
    expect(refusalOf('permission-denied')).toBe('other');
  });

  it('recognises only the motion-changed stateless message', () => {
    expect(isMotionChanged('{"type":"motion-changed"}')).toBe(true);
    expect(isMotionChanged('{"type":"something-else"}')).toBe(false);
    expect(isMotionChanged('not json')).toBe(false);
    expect(isMotionChanged('null')).toBe(false);
  });
});
