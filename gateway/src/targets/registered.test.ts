import { describe, expect, it } from 'vitest';
import { parseRegisteredOrchestrators } from './registered.js';

describe('GET /registeredOrchestrators', () => {
  it('reads Go field names, big numbers and all', () => {
    const text = `[{"ServiceURI":"https://orch.example.com:8935","Address":"0x3B28A7D785356DC67C7970666747E042305BFB79","DelegatedStake":123456789012345678901234567890,"Active":true,"PricePerPixel":"1/1"},
      {"ServiceURI":"https://idle.example.com:8935/","Address":"0x0000000000000000000000000000000000000001","Active":false}]`;
    expect(parseRegisteredOrchestrators(text)).toEqual([
      {
        address: '0x3b28a7d785356dc67c7970666747e042305bfb79',
        uri: 'https://orch.example.com:8935',
        active: true,
      },
      {
        address: '0x0000000000000000000000000000000000000001',
        uri: 'https://idle.example.com:8935',
        active: false,
      },
    ]);
  });

  it('skips malformed entries and rejects what is not an array', () => {
    for (const text of ['', '{}', 'null', '[', '"x"'])
      expect(parseRegisteredOrchestrators(text)).toBeNull();
    const entries = [
      null,
      1,
      { Address: '0x12', ServiceURI: 'https://a:1' },
      { Address: '0x0000000000000000000000000000000000000001', ServiceURI: 'file:///etc/passwd' },
      { Address: '0x0000000000000000000000000000000000000001', ServiceURI: 5 },
      {
        Address: '0x0000000000000000000000000000000000000001',
        ServiceURI: `https://${'a'.repeat(300)}`,
      },
    ];
    expect(parseRegisteredOrchestrators(JSON.stringify(entries))).toEqual([]);
  });
});
