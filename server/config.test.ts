import { describe, it, expect } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('defaults to localhost:3000', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: 'localhost',
      dataDir: './data',
      allowedOrigins: [],
      writeThrough: true,
      connectionsPerMinute: 600,
      seed: 'demo',
      trustProxy: false,
    });
  });

  it('trusts a proxy only when told exactly', () => {
    expect(readConfig({ TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(() => readConfig({ TRUST_PROXY: 'yes' })).toThrow(
      'TRUST_PROXY must be off or on, got "yes"',
    );
  });

  it('reads the connection limit as a positive whole number', () => {
    expect(readConfig({ COLLAB_CONNECTIONS_PER_MINUTE: '50' }).connectionsPerMinute).toBe(50);
    expect(() => readConfig({ COLLAB_CONNECTIONS_PER_MINUTE: '0' })).toThrow(
      'COLLAB_CONNECTIONS_PER_MINUTE must be a whole number from 1 to 9999999, got "0"',
    );
    expect(() => readConfig({ COLLAB_CONNECTIONS_PER_MINUTE: 'lots' })).toThrow(/got "lots"/);
  });

  it('turns write-through off only when told exactly', () => {
    expect(readConfig({ REDLINE_WRITE_THROUGH: 'off' }).writeThrough).toBe(false);
    expect(readConfig({ REDLINE_WRITE_THROUGH: 'on' }).writeThrough).toBe(true);
    expect(() => readConfig({ REDLINE_WRITE_THROUGH: 'no' })).toThrow(
      'REDLINE_WRITE_THROUGH must be on or off, got "no"',
    );
  });

  it('seeds the demo by default, and only the edition or nothing when told', () => {
    expect(readConfig({}).seed).toBe('demo');
    expect(readConfig({ REDLINE_SEED: 'edition' }).seed).toBe('edition');
    expect(readConfig({ REDLINE_SEED: 'none' }).seed).toBe('none');
    expect(() => readConfig({ REDLINE_SEED: 'all' })).toThrow(
      'REDLINE_SEED must be demo or edition or none, got "all"',
    );
  });

  it('treats empty values as unset', () => {
    expect(readConfig({ PORT: '', HOST: '' })).toMatchObject({ port: 3000, host: 'localhost' });
  });

  it('reads PORT and HOST', () => {
    expect(readConfig({ PORT: '8080', HOST: '127.0.0.1' })).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
    });
  });

  it('accepts the ends of the port range', () => {
    expect(readConfig({ PORT: '1' }).port).toBe(1);
    expect(readConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('rejects a non-numeric PORT with a message naming the value', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(
      new ConfigError('PORT must be a whole number from 1 to 65535, got "abc"'),
    );
  });

  it.each(['0', '65536', '99999', '-1', '3000.5', '1e3', '0x50', ' 80', '80 ', '123456'])(
    'rejects PORT=%j',
    (port) => {
      expect(() => readConfig({ PORT: port })).toThrow(ConfigError);
      expect(() => readConfig({ PORT: port })).toThrow(`got ${JSON.stringify(port)}`);
    },
  );

  it('rejects a HOST with spaces', () => {
    expect(() => readConfig({ HOST: 'local host' })).toThrow(ConfigError);
  });

  it('reads DATA_DIR and ALLOWED_ORIGINS', () => {
    expect(
      readConfig({
        DATA_DIR: '/tmp/r',
        ALLOWED_ORIGINS: 'https://a.example.org, http://localhost:5173',
      }),
    ).toMatchObject({
      dataDir: '/tmp/r',
      allowedOrigins: ['https://a.example.org', 'http://localhost:5173'],
    });
  });

  it('stores in SQLite unless DATABASE_URL names a PostgreSQL database', () => {
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    const url = 'postgres://redline:pw@127.0.0.1:5432/redline';
    expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(readConfig({ DATABASE_URL: 'postgresql://db.internal/redline' }).databaseUrl).toBe(
      'postgresql://db.internal/redline',
    );
    expect(
      readConfig({ DATABASE_URL: 'postgres:///redline?host=/var/run/postgresql' }).databaseUrl,
    ).toBe('postgres:///redline?host=/var/run/postgresql');
  });

  it('rejects a DATABASE_URL that is not postgres://, without printing its password', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/redline' })).toThrow(
      new ConfigError(
        'DATABASE_URL must look like postgres://user:password@127.0.0.1:5432/redline, got "mysql://root:***@127.0.0.1/redline"',
      ),
    );
    expect(() => readConfig({ DATABASE_URL: 'redline.db' })).toThrow(
      /^DATABASE_URL must look like .*, got something that is not a URL$/,
    );
    expect(() => readConfig({ DATABASE_URL: 'postgres:///redline' })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: ' postgres://h/redline' })).toThrow(ConfigError);
  });

  it('rejects an origin with a path, naming it', () => {
    expect(() => readConfig({ ALLOWED_ORIGINS: 'https://a.example.org/app' })).toThrow(
      /ALLOWED_ORIGINS .* got "https:\/\/a.example.org\/app"/,
    );
  });
});
