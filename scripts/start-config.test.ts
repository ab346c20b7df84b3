import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartConfigError, describeService, planServices, redact } from './start-config.mjs';

const FILE = '/etc/naap/naap.json';
const plan = (value: unknown) => planServices(value, FILE);
const refused = (value: unknown) => () => planServices(value, FILE);

describe('start file', () => {
  it('plans the collector, each gateway and the dashboard, in that order', () => {
    const services = plan({
      collector: { config: 'collector.json', flags: { 'log-level': 'warn', enroll: false } },
      gateway: [
        { name: 'fra', config: '/srv/gateway-fra.json' },
        { name: 'nyc', flags: { region: 'NYC', 'max-concurrent': 2 } },
      ],
      dashboard: { listen: '[::1]:3000', env: { NAAP_DASHBOARD_API_URL: 'http://127.0.0.1:4318' } },
    });
    expect(services).toEqual([
      {
        name: 'collector',
        bin: 'collector/bin/naap-collector.js',
        args: ['run', '--config', '/etc/naap/collector.json', '--log-level=warn', '--enroll=false'],
        env: {},
      },
      {
        name: 'gateway-fra',
        bin: 'gateway/bin/naap-gateway.js',
        args: ['run', '--config', '/srv/gateway-fra.json'],
        env: {},
      },
      {
        name: 'gateway-nyc',
        bin: 'gateway/bin/naap-gateway.js',
        args: ['run', '--region=NYC', '--max-concurrent=2'],
        env: {},
      },
      {
        name: 'dashboard',
        bin: 'dashboard/build/index.js',
        args: [],
        env: {
          NAAP_DASHBOARD_API_URL: 'http://127.0.0.1:4318',
          NAAP_DASHBOARD_HTTP_HOST: '::1',
          NAAP_DASHBOARD_HTTP_PORT: '3000',
        },
      },
    ]);
  });

  it('takes a single gateway object, named "gateway" unless named', () => {
    expect(plan({ collector: {}, gateway: {} }).map((s) => s.name)).toEqual([
      'collector',
      'gateway',
    ]);
    expect(plan({ collector: {}, gateway: { name: 'sin' } }).map((s) => s.name)).toEqual([
      'collector',
      'gateway-sin',
    ]);
  });

  it('names the unknown key, wherever it is', () => {
    expect(refused({ collector: {}, gatewy: {} })).toThrow(/unknown key "gatewy"/);
    expect(refused({ collector: { flag: {} } })).toThrow(/^collector: unknown key "flag"/);
    expect(refused({ collector: {}, gateway: [{ name: 'a' }, { name: 'b', tokn: 'x' }] })).toThrow(
      /^gateway\[1\]: unknown key "tokn"/,
    );
    expect(refused({ collector: {}, dashboard: { port: 3000 } })).toThrow(
      /^dashboard: unknown key "port" \(allowed: listen, config, flags, env\)/,
    );
    expect(refused({ collector: {}, gateway: {} })).not.toThrow();
  });

  it('refuses a file without a collector, or that is not an object', () => {
    expect(refused({ dashboard: {} })).toThrow(/"collector" is required/);
    for (const bad of [null, [], 'naap', 42]) expect(refused(bad)).toThrow(StartConfigError);
    expect(refused({ collector: [] })).toThrow(/^collector must be a JSON object/);
  });

  it('refuses bad flags: names with --, the config flag, values that are not scalars', () => {
    expect(refused({ collector: { flags: { '--listen': 'x' } } })).toThrow(
      /collector\.flags: "--listen" is not a flag name/,
    );
    expect(refused({ collector: { flags: { config: 'x.json' } } })).toThrow(/use "config"/);
    expect(refused({ collector: { flags: { listen: ['a'] } } })).toThrow(
      /"listen" must be a string, number or boolean/,
    );
    expect(refused({ collector: { flags: { 'batch-rows': Number.NaN } } })).toThrow(
      /"batch-rows" must be/,
    );
    expect(refused({ collector: { flags: ['--listen'] } })).toThrow(/must be an object/);
  });

  it("accepts only the binary's own variables", () => {
    expect(refused({ collector: { env: { NAAP_GATEWAY_TOKEN: 'x' } } })).toThrow(
      /collector\.env: "NAAP_GATEWAY_TOKEN" is not a NAAP_COLLECTOR_\* variable/,
    );
    expect(refused({ collector: {}, gateway: { env: { PATH: '/bin' } } })).toThrow(
      /gateway\.env: "PATH"/,
    );
    expect(refused({ collector: { env: { NAAP_COLLECTOR_LISTEN: { a: 1 } } } })).toThrow(
      /must be a string/,
    );
    expect(plan({ collector: { env: { NAAP_COLLECTOR_BATCH_ROWS: 500 } } })[0]?.env).toEqual({
      NAAP_COLLECTOR_BATCH_ROWS: '500',
    });
  });

  it('needs names for several gateways, unique and plain', () => {
    expect(refused({ collector: {}, gateway: [{}, {}] })).toThrow(/gateway\[0\]\.name must be set/);
    expect(refused({ collector: {}, gateway: [{ name: 'a' }, { name: 'a' }] })).toThrow(
      /gateway\[1\]\.name "a" is used twice/,
    );
    expect(refused({ collector: {}, gateway: [{ name: '../x' }] })).toThrow(/name must be set/);
    expect(refused({ collector: {}, gateway: [] })).toThrow(/empty list/);
  });

  it('checks the dashboard listen address and its clash with the variables it sets', () => {
    for (const bad of ['3000', 'localhost:', 'localhost:70000', ':3000', 3000]) {
      expect(refused({ collector: {}, dashboard: { listen: bad } })).toThrow(
        /dashboard\.listen must be "host:port"/,
      );
    }
    expect(
      refused({
        collector: {},
        dashboard: { listen: '0.0.0.0:3000', env: { NAAP_DASHBOARD_HTTP_PORT: '3001' } },
      }),
    ).toThrow(/either "listen" or env NAAP_DASHBOARD_HTTP_PORT/);
  });

  it('refuses an empty or non-string config path', () => {
    expect(refused({ collector: { config: '' } })).toThrow(/collector\.config must be a file path/);
    expect(refused({ collector: { config: 7 } })).toThrow(/collector\.config must be a file path/);
  });

  it('masks secrets when printing what it starts', () => {
    expect(redact('token', 'abc')).toBe('***');
    expect(redact('NAAP_GATEWAY_TOKEN', 'abc')).toBe('***');
    expect(redact('clickhouse', 'https://naap:s3cret@ch.example:8443/naap')).toBe(
      'https://naap:***@ch.example:8443/naap',
    );
    const [collector, gateway] = plan({
      collector: { flags: { clickhouse: 'http://u:pw@ch:8123/naap' } },
      gateway: { env: { NAAP_GATEWAY_TOKEN: 'secret-token-value' } },
    });
    expect(describeService(collector!)).toBe(
      'node collector/bin/naap-collector.js run --clickhouse=http://u:***@ch:8123/naap',
    );
    expect(describeService(gateway!)).toBe(
      'NAAP_GATEWAY_TOKEN=*** node gateway/bin/naap-gateway.js run',
    );
  });

  it('accepts the shipped example, whose config files exist and are JSON objects', () => {
    const file = join(import.meta.dirname, '..', 'deploy', 'naap.example.json');
    const services = planServices(JSON.parse(readFileSync(file, 'utf8')), file);
    expect(services.map((s) => s.name)).toEqual(['collector', 'gateway-fra', 'dashboard']);
    for (const s of services) {
      const i = s.args.indexOf('--config');
      if (i < 0) continue;
      const parsed: unknown = JSON.parse(readFileSync(s.args[i + 1] ?? '', 'utf8'));
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
    }
  });
});
