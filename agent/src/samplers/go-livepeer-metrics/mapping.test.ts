import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition.js';
import {
  MAX_SERIES_PER_METRIC,
  readGoLivepeer,
  workKeyOf,
  type GoLivepeerReading,
} from './mapping.js';
import { jobAttributes } from './sampler.js';
import { GOOD_EXPOSITION } from './test-fixtures.js';

function read(text: string): GoLivepeerReading {
  const parsed = parseExposition(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const r = readGoLivepeer(parsed.families);
  if (!r.ok) throw new Error(r.error);
  return r.reading;
}

const T2I = { pipeline: 'text-to-image', modelId: 'stabilityai/sdxl-turbo' } as const;

describe('readGoLivepeer', () => {
  it('maps successes and classified failures, summing raw error codes and senders by class', () => {
    const r = read(GOOD_EXPOSITION);
    expect(r.jobs).toEqual(
      expect.arrayContaining([
        { ...T2I, outcome: 'success', errorClass: null, total: 120 },
        // Two raw timeout strings from two senders: one series.
        { ...T2I, outcome: 'failure', errorClass: 'timeout', total: 5 },
        { ...T2I, outcome: 'excused', errorClass: 'client_disconnect', total: 1 },
      ]),
    );
    expect(r.jobs).toHaveLength(3);
    expect(r.containersInUse).toEqual([{ ...T2I, value: 1 }]);
    expect(r.containersIdle).toEqual([{ ...T2I, value: 1 }]);
    expect(r.gpusIdle).toEqual([{ ...T2I, value: 2 }]);
    expect(r.liveStreams).toEqual([]);
    expect(r.ticketValueReceivedGwei).toBe(1_234_567);
    expect(r.droppedSeries).toBe(0);
  });

  it('never puts a raw error string into attributes', () => {
    for (const j of read(GOOD_EXPOSITION).jobs) {
      const values = Object.values(jobAttributes(j)).map(String);
      for (const v of values) expect(v).not.toMatch(/deadline|canceled|https/);
    }
  });

  it('omits labels go-livepeer left empty or that are not contract values', () => {
    expect(workKeyOf({ pipeline: '', model_name: 'm' })).toEqual({
      pipeline: undefined,
      modelId: 'm',
    });
    expect(workKeyOf({ pipeline: 'not-a-pipeline', model_name: '' })).toEqual({
      pipeline: undefined,
      modelId: undefined,
    });
    expect(workKeyOf({ pipeline: 'llm', model_name: 'x'.repeat(1000) }).modelId).toHaveLength(256);
  });

  it('reads an exposition without any AI metric yet (go-livepeer just started)', () => {
    const r = read(
      '# HELP livepeer_versions v\n# TYPE livepeer_versions gauge\nlivepeer_versions{livepeerversion="0.9.1"} 1\n',
    );
    expect(r.jobs).toEqual([]);
    expect(r.ticketValueReceivedGwei).toBeNull();
  });

  it('sums live pipelines by pipeline', () => {
    const r = read(
      '# TYPE livepeer_ai_current_live_pipelines gauge\nlivepeer_ai_current_live_pipelines{node_id="a",node_type="orch",pipeline="live-video-to-video"} 3\n',
    );
    expect(r.liveStreams).toEqual([
      { pipeline: 'live-video-to-video', modelId: undefined, value: 3 },
    ]);
  });

  it('bounds the number of series per metric', () => {
    const lines = Array.from(
      { length: MAX_SERIES_PER_METRIC + 25 },
      (_, i) => `livepeer_ai_models_requested{model_name="m${i}",pipeline="llm"} 1`,
    );
    const r = read(`# TYPE livepeer_ai_models_requested counter\n${lines.join('\n')}\n`);
    expect(r.jobs).toHaveLength(MAX_SERIES_PER_METRIC);
    expect(r.droppedSeries).toBe(25);
  });
});
