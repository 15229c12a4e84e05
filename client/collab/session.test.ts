import { describe, expect, it } from 'vitest';
import { collabUrl, saveStatus } from './session';

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
