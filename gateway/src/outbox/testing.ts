import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestloadJobRecord } from '@naap/otel';
import { pino, type Logger } from 'pino';

/** Test support (not a test): records, a logger that keeps its lines, a scratch directory. */

export function jobRecord(i: number, extra: Partial<TestloadJobRecord> = {}): TestloadJobRecord {
  return {
    jobId: `job-${String(i).padStart(4, '0')}`,
    timeUnixMs: 1_795_000_000_000 + i * 1_000,
    region: 'FRA',
    orchestratorAddress: '0x3b28a7d785356dc67c7970666747e042305bfb79',
    orchestratorUri: 'https://orch-1.example:8935',
    pipeline: 'text-to-image',
    modelId: 'sdxl',
    datasetVersion: '1.0.0',
    caseId: 't2i/good',
    caseKind: 'good',
    outcome: 'success',
    errorClass: null,
    errorMessage: null,
    httpStatus: 200,
    latencyMs: 412.5,
    ttfbMs: 120,
    ptffMs: null,
    fps: null,
    jitter: null,
    tokensPerSecond: null,
    servedBy: '0x3b28a7d785356dc67c7970666747e042305bfb79',
    swapped: false,
    warm: true,
    expectedRejection: false,
    synthetic: true,
    ...extra,
  };
}

export const lineOf = (r: TestloadJobRecord): string => `${JSON.stringify(r)}\n`;

export interface MemoryLog {
  readonly log: Logger;
  /** Messages logged at warn or above, in order. */
  readonly messages: string[];
}

export function memoryLog(): MemoryLog {
  const messages: string[] = [];
  const log = pino(
    { level: 'warn' },
    {
      write(line: string) {
        const parsed = JSON.parse(line) as { msg?: unknown };
        messages.push(typeof parsed.msg === 'string' ? parsed.msg : '');
      },
    },
  );
  return { log, messages };
}

export async function scratchFile(name = 'results.jsonl'): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'naap-outbox-')), name);
}
