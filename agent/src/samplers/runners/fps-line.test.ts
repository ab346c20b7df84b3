import { jitterCoefficient, jitterFromMoments } from '@naap/otel';
import { describe, expect, it } from 'vitest';
import { containerIdFromCgroup, containerIdFromMountinfo } from './cgroup.js';
import { parseFpsLine, splitDockerTimestamp } from './fps-line.js';
import { StreamMomentsTable } from './moments.js';

/** A line in ai-runner's log format, as the simulator writes it (runner-lines.ts pyLine). */
const py = (message: string, manifest = '1a2b3c4d', stream = 'stream-5f2a09c1') =>
  `timestamp=2025-05-06 14:03:10 level=INFO location=process_guardian.py:233:_monitor_loop ` +
  `gateway_request_id=9e8d7c6b manifest_id=${manifest} stream_id=${stream} message=${message}`;

describe('parseFpsLine', () => {
  it('reads Output FPS lines with the stream id from their context', () => {
    expect(parseFpsLine(py('Output FPS: 23.97'))).toEqual({
      fps: 23.97,
      streamId: 'stream-5f2a09c1',
    });
    expect(parseFpsLine(py('Output FPS: 0.00'))).toEqual({ fps: 0, streamId: 'stream-5f2a09c1' });
    // Empty stream_id: the manifest id; both empty: no stream id (the container stands in).
    expect(parseFpsLine(py('Output FPS: 12.50', 'abcd', ''))?.streamId).toBe('abcd');
    expect(parseFpsLine(py('Output FPS: 12.50', '', ''))?.streamId).toBeUndefined();
    expect(parseFpsLine('Output FPS: 30.00')).toEqual({ fps: 30, streamId: undefined });
    expect(parseFpsLine('2025-05-06 14:03:10,123 INFO Output FPS: 7')?.fps).toBe(7);
  });

  it('ignores other lines, Input FPS and implausible values', () => {
    for (const line of [
      py('Input FPS: 29.80'),
      py('Stream started successfully'),
      'INFO:     172.17.0.1:40000 - "POST /live-video-to-video HTTP/1.1" 200 OK',
      py('Output FPS: -3.00'),
      py('Output FPS: 1e9'),
      py('Output FPS: 100000.00'),
      py('Output FPS: NaN'),
      py('Output FPS: '),
      py('Output FPS: 12.5.6'),
      '',
      '\u0000'.repeat(100),
    ]) {
      expect(parseFpsLine(line), line).toBeUndefined();
    }
  });

  it('takes the stream id from the context, never from the message', () => {
    const line = 'level=INFO stream_id= manifest_id= message=Output FPS: 10 stream_id=evil';
    expect(parseFpsLine(line)?.streamId).toBeUndefined();
    expect(parseFpsLine(py('Output FPS: 10', 'm', 'bad"id'))?.streamId).toBe('m');
  });

  it('strips docker logs --timestamps prefixes', () => {
    const ts = '2025-05-06T14:03:10.123456789Z';
    expect(splitDockerTimestamp(`${ts} ${py('Output FPS: 1')}`)).toEqual({
      ts,
      text: py('Output FPS: 1'),
    });
    expect(splitDockerTimestamp('no timestamp here')).toEqual({
      ts: undefined,
      text: 'no timestamp here',
    });
  });
});

describe('StreamMomentsTable', () => {
  it('keeps n, Σx, Σx² per stream; jitter equals the hand computation', () => {
    const samples = [24.1, 22.87, 23.5, 19.02, 25.0, 24.99];
    const t = new StreamMomentsTable();
    const base = {
      container: 'c',
      streamId: 's',
      pipeline: 'live-video-to-video',
      modelId: 'm',
      lastSampleMs: 0,
    } as const;
    for (const x of samples) t.add(base, x);
    t.add({ ...base, streamId: 'other' }, 10);
    const [s] = t.snapshot();
    const n = samples.length;
    const mean = samples.reduce((a, b) => a + b, 0) / n;
    const sigma = Math.sqrt(samples.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
    expect(s?.moments.count).toBe(n);
    expect(s?.moments.sum).toBeCloseTo(mean * n, 10);
    expect(s?.moments.sumSquares).toBeCloseTo(
      samples.reduce((a, x) => a + x * x, 0),
      8,
    );
    expect(s?.mean).toBeCloseTo(mean, 12);
    expect(s?.jitter).toBeCloseTo(sigma / mean, 10);
    expect(s?.jitter).toBeCloseTo(jitterCoefficient(samples) ?? -1, 12);
    expect(jitterFromMoments(s?.moments ?? { count: 0, sum: 0, sumSquares: 0 })).toBe(s?.jitter);
  });

  it('bounds the streams held, dropping the least recently updated', () => {
    const t = new StreamMomentsTable(3);
    const base = { container: 'c', pipeline: undefined, modelId: 'm', lastSampleMs: 0 };
    for (const id of ['a', 'b', 'c']) t.add({ ...base, streamId: id }, 1);
    t.add({ ...base, streamId: 'a' }, 2);
    t.add({ ...base, streamId: 'd' }, 1);
    expect(t.snapshot().map((s) => s.streamId)).toEqual(['c', 'a', 'd']);
  });
});

describe('container of a process', () => {
  const id = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  it('reads the container id from /proc/<pid>/cgroup (v1 and v2, both drivers)', () => {
    expect(containerIdFromCgroup(`12:memory:/docker/${id}\n11:cpu:/docker/${id}\n`)).toBe(id);
    expect(containerIdFromCgroup(`0::/system.slice/docker-${id}.scope\n`)).toBe(id);
    expect(containerIdFromCgroup(`0::/kubepods/besteffort/pod1/cri-containerd-${id}.scope\n`)).toBe(
      id,
    );
    expect(
      containerIdFromCgroup('0::/user.slice/user-1000.slice/session-2.scope\n'),
    ).toBeUndefined();
    expect(containerIdFromCgroup('0::/\n')).toBeUndefined();
  });

  it('falls back to the bind mounts Docker makes in /proc/<pid>/mountinfo', () => {
    const line = `612 590 259:2 /var/lib/docker/containers/${id}/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p2 rw`;
    expect(containerIdFromMountinfo(line)).toBe(id);
    expect(containerIdFromMountinfo('26 1 0:23 / / rw - overlay overlay rw')).toBeUndefined();
  });
});
