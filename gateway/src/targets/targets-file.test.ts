import { describe, expect, it } from 'vitest';
import { parseTargetsFile } from './targets-file.js';

const YAML = `
targets:
  - address: "0x3B28A7D785356DC67C7970666747E042305BFB79"
    uri: https://orch-a.example.com:8935/
    gatewayUrl: http://gw-a:9935/
    cliUrl: http://gw-a:5935
    capabilities:
      - { pipeline: text-to-image, model: stabilityai/sdxl-turbo, capacity: 4, warm: true }
  - address: "0x0000000000000000000000000000000000000001"
    uri: https://orch-b.example.com:8935
`;

describe('targets file', () => {
  it('reads YAML (and so JSON) with optional gateway and capabilities', () => {
    const [a, b] = parseTargetsFile(YAML, 'targets.yaml');
    expect(a).toEqual({
      target: {
        address: '0x3b28a7d785356dc67c7970666747e042305bfb79',
        uri: 'https://orch-a.example.com:8935',
        gateway: { url: 'http://gw-a:9935', cliUrl: 'http://gw-a:5935' },
        capabilities: [
          { pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo', capacity: 4, warm: true },
        ],
      },
      listed: true,
    });
    expect(b).toEqual({
      target: {
        address: '0x0000000000000000000000000000000000000001',
        uri: 'https://orch-b.example.com:8935',
        gateway: undefined,
        capabilities: [],
      },
      listed: false,
    });
    expect(
      parseTargetsFile(
        JSON.stringify({
          targets: [{ address: '0x0000000000000000000000000000000000000001', uri: 'http://o:1' }],
        }),
        'x.json',
      ),
    ).toHaveLength(1);
  });

  it('names the file and the field at fault', () => {
    const bad: [string, RegExp][] = [
      ['targets: [', /targets\.yaml: not YAML\/JSON/],
      ['{}', /targets\.yaml: .*targets/],
      ['targets: []', /\/targets/],
      ['targets: [{ address: "0x12", uri: "https://o:1" }]', /\/targets\/0\/address/],
      [
        'targets: [{ address: "0x0000000000000000000000000000000000000001", uri: "ftp://o" }]',
        /\/targets\/0\/uri/,
      ],
      [
        'targets: [{ address: "0x0000000000000000000000000000000000000001", uri: "https://o", colour: "red" }]',
        /\/targets\/0/,
      ],
      [
        'targets: [{ address: "0x0000000000000000000000000000000000000001", uri: "https://o", capabilities: [{ pipeline: "transcode", model: "m" }] }]',
        /\/targets\/0\/capabilities\/0\/pipeline/,
      ],
      [
        'targets:\n  - { address: "0x0000000000000000000000000000000000000001", uri: "https://o" }\n  - { address: "0x0000000000000000000000000000000000000001", uri: "https://p" }',
        /\/targets\/1 repeats/,
      ],
    ];
    for (const [text, pattern] of bad)
      expect(() => parseTargetsFile(text, 'targets.yaml'), text).toThrow(pattern);
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseTargetsFile(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml/);
  });
});
