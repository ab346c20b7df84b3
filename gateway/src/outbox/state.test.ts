import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadAckState, saveAckState, statePathOf } from './state.js';
import { scratchFile } from './testing.js';

describe('acknowledged offset state', () => {
  it('round-trips and is replaced atomically', async () => {
    const path = statePathOf(await scratchFile());
    expect(await loadAckState(path)).toEqual({ kind: 'missing' });
    await saveAckState(path, { fileId: '2049:77', offset: 1234 });
    await saveAckState(path, { fileId: '2049:77', offset: 5678 });
    expect(await loadAckState(path)).toEqual({
      kind: 'ok',
      state: { fileId: '2049:77', offset: 5678 },
    });
  });

  it('tells a malformed, truncated, hostile or oversized file apart from a missing one', async () => {
    const cases: [string, RegExp][] = [
      ['', /not JSON/],
      ['{"version":1,"fileId":"a","off', /not JSON/],
      ['null', /not an object/],
      ['{"version":2,"fileId":"a","offset":1}', /unknown version/],
      ['{"version":1,"fileId":7,"offset":1}', /fileId/],
      [`{"version":1,"fileId":"${'x'.repeat(200)}","offset":1}`, /fileId/],
      ['{"version":1,"fileId":"a","offset":-1}', /offset/],
      ['{"version":1,"fileId":"a","offset":1.5}', /offset/],
      ['{"version":1,"fileId":"a","offset":1e300}', /offset/],
      ['{"version":1,"fileId":"a","offset":"12"}', /offset/],
      [' '.repeat(10_000), /larger than 4 KiB/],
    ];
    for (const [text, reason] of cases) {
      const path = statePathOf(await scratchFile());
      await writeFile(path, text);
      const loaded = await loadAckState(path);
      expect(loaded.kind).toBe('corrupt');
      if (loaded.kind === 'corrupt') expect(loaded.reason).toMatch(reason);
    }
  });
});
