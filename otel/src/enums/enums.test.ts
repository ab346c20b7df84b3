import { describe, expect, it } from 'vitest';
import {
  isLivePipeline,
  PIPELINE_IDS,
  PIPELINES,
  pipelineFromCapability,
  pipelineInfo,
  type PipelineId,
} from './pipelines.js';
import { isOutcome, OUTCOMES } from './outcomes.js';
import { parseRegion, REGION_CODES, REGIONS, regionInfo, type RegionCode } from './regions.js';
import { decodeThrottleReasons, parseThrottleBitmask } from './throttle.js';

describe('regions', () => {
  it('has every required code once, each with a display name', () => {
    const required = [
      'FRA',
      'LAX',
      'LON',
      'MDW',
      'NYC',
      'PRG',
      'SAO',
      'SIN',
      'SEA',
      'ATL',
      'HOU',
      'MIA',
      'SYD',
      'TOR',
      'HND',
      'STO',
      'MAD',
      'SJO',
      'GLOBAL',
    ];
    for (const code of required) expect(REGION_CODES).toContain(code);
    expect(new Set(REGION_CODES).size).toBe(REGION_CODES.length);
    for (const r of REGIONS) expect(r.name.length).toBeGreaterThan(1);
  });

  it('has plausible coordinates except for GLOBAL', () => {
    for (const r of REGIONS) {
      if (r.code === 'GLOBAL') {
        expect(r.lat).toBeNull();
        continue;
      }
      expect(Math.abs(r.lat ?? 999)).toBeLessThanOrEqual(90);
      expect(Math.abs(r.lon ?? 999)).toBeLessThanOrEqual(180);
    }
    expect(regionInfo('FRA').name).toBe('Frankfurt');
  });

  it('parses codes case-insensitively and rejects others', () => {
    expect(parseRegion(' fra ')).toBe('FRA');
    expect(parseRegion('Global')).toBe('GLOBAL');
    expect(parseRegion('XYZ')).toBeNull();
    expect(parseRegion('')).toBeNull();
  });
});

describe('pipelines', () => {
  it('carries the go-livepeer capability ids 27 … 36', () => {
    expect(pipelineInfo('text-to-image').capability).toBe(27);
    expect(pipelineInfo('live-video-to-video').capability).toBe(35);
    expect(pipelineInfo('text-to-speech').capability).toBe(36);
    expect(PIPELINES.map((p) => p.capability).sort((a, b) => a - b)).toEqual([
      27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
    ]);
    expect(new Set(PIPELINE_IDS).size).toBe(10);
  });

  it('maps what go-livepeer prints for a capability to the pipeline', () => {
    expect(pipelineFromCapability(27)).toBe('text-to-image');
    expect(pipelineFromCapability('27')).toBe('text-to-image');
    expect(pipelineFromCapability('Text to image')).toBe('text-to-image');
    expect(pipelineFromCapability('text to IMAGE')).toBe('text-to-image');
    expect(pipelineFromCapability('Llm')).toBe('llm');
    expect(pipelineFromCapability('segment-anything-2')).toBe('segment-anything-2');
    expect(pipelineFromCapability('Live video to video')).toBe('live-video-to-video');
  });

  it('returns null for transcoding capabilities and junk', () => {
    expect(pipelineFromCapability(1)).toBeNull();
    expect(pipelineFromCapability('H.264')).toBeNull();
    expect(pipelineFromCapability('99999')).toBeNull();
    expect(pipelineFromCapability('')).toBeNull();
    expect(pipelineFromCapability('x'.repeat(100_000))).toBeNull();
  });

  it('knows which pipelines are live', () => {
    expect(isLivePipeline('live-video-to-video')).toBe(true);
    expect(isLivePipeline('llm')).toBe(false);
  });
});

describe('outcomes', () => {
  it('are success, failure and excused', () => {
    expect(OUTCOMES).toEqual(['success', 'failure', 'excused']);
    expect(isOutcome('excused')).toBe(true);
    expect(isOutcome('ok')).toBe(false);
  });
});

describe('throttle reasons', () => {
  it('parses nvidia-smi bitmasks', () => {
    expect(parseThrottleBitmask('0x0000000000000004')).toBe(4);
    expect(parseThrottleBitmask('0x0000000000000045')).toBe(0x45);
    expect(parseThrottleBitmask('1')).toBe(1);
    expect(parseThrottleBitmask('[N/A]')).toBeNull();
    expect(parseThrottleBitmask('[Not Supported]')).toBeNull();
    expect(parseThrottleBitmask('0x')).toBeNull();
    expect(parseThrottleBitmask('0xZZ')).toBeNull();
    expect(parseThrottleBitmask('9'.repeat(40))).toBeNull();
  });

  it('decodes the reasons set, in bit order', () => {
    expect(decodeThrottleReasons(0)).toEqual([]);
    expect(decodeThrottleReasons(0x4)).toEqual(['sw_power_cap']);
    expect(decodeThrottleReasons(0x45)).toEqual([
      'gpu_idle',
      'sw_power_cap',
      'hw_thermal_slowdown',
    ]);
    expect(decodeThrottleReasons(0x1000)).toEqual([]);
    expect(() => decodeThrottleReasons(-1)).toThrow(RangeError);
  });
});

describe('enum types are closed unions', () => {
  it('rejects unknown codes at compile time', () => {
    // @ts-expect-error not a pipeline
    const pipeline: PipelineId = 'transcode';
    // @ts-expect-error not a region
    const region: RegionCode = 'MARS';
    expect([pipeline, region]).toHaveLength(2);
  });
});
