import { describe, expect, it } from 'vitest';
import { ConfigError, envNameOf, optionsHelp, parseOptions } from './options.js';

const TABLE = {
  collector: {
    flag: 'collector',
    kind: 'string',
    default: 'http://127.0.0.1:4318',
    description: 'collector URL',
  },
  interval: {
    flag: 'export-interval-ms',
    kind: 'integer',
    default: 5000,
    min: 100,
    description: 'export interval',
  },
  once: { flag: 'once', kind: 'boolean', default: false, description: 'one sample' },
} as const;

describe('shared option parsing', () => {
  it('merges defaults, environment and flags; booleans stand alone', async () => {
    const v = await parseOptions(TABLE, 'NAAP_AGENT_', ['--once'], {
      NAAP_AGENT_EXPORT_INTERVAL_MS: '2000',
    });
    expect(v).toEqual({ collector: 'http://127.0.0.1:4318', interval: 2000, once: true });
    expect((await parseOptions(TABLE, 'NAAP_AGENT_', ['--once=false'], {})).once).toBe(false);
  });

  it('ignores listed variables and refuses other unknown ones', async () => {
    await expect(
      parseOptions(
        TABLE,
        'NAAP_AGENT_',
        [],
        { NAAP_AGENT_DEBUG: '1' },
        { ignoredEnv: ['NAAP_AGENT_DEBUG'] },
      ),
    ).resolves.toBeDefined();
    await expect(parseOptions(TABLE, 'NAAP_AGENT_', [], { NAAP_AGENT_DEBUG: '1' })).rejects.toThrow(
      /NAAP_AGENT_DEBUG/,
    );
    await expect(
      parseOptions(TABLE, 'NAAP_AGENT_', ['--export-interval-ms', '5'], {}),
    ).rejects.toThrow(ConfigError);
    await expect(parseOptions(TABLE, 'NAAP_AGENT_', ['--once=maybe'], {})).rejects.toThrow(
      /true or false/,
    );
  });

  it('documents every option with its variable', () => {
    expect(envNameOf('NAAP_AGENT_', TABLE.interval)).toBe('NAAP_AGENT_EXPORT_INTERVAL_MS');
    const help = optionsHelp(TABLE, 'NAAP_AGENT_');
    expect(help).toContain('--export-interval-ms VALUE');
    expect(help).toContain('--once\n');
    expect(help).toContain('(default 5000)');
  });
});
