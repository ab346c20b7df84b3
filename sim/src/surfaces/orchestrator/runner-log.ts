import { join } from 'node:path';
import { pipelineInfo } from '@naap/otel';
import type { FpsSample, JobRecord } from '../../model/jobs.js';
import type { Container, WorkloadActivity } from './activity.js';
import type { LogLine } from './glog.js';
import { handlingOf } from './handling.js';
import { BufferedLogFile } from './log-file.js';
import {
  accessLine,
  fpsLines,
  runnerStartupLines,
  streamEndLines,
  streamStartLines,
} from './runner-lines.js';

interface RunnerFile {
  readonly file: BufferedLogFile;
  pending: LogLine[];
}

/**
 * `<stateDir>/hosts/<id>/runners/<containerName>.log`: each ai-runner
 * container's log. Batch runners log uvicorn's access line per request that
 * reached them; live runners log stream starts/ends and, every 10 s of a
 * stream, the `Input FPS:` / `Output FPS:` lines (from the engine's `fps`
 * events). Written in batches like the job log.
 */
export class RunnerLogs {
  private readonly files = new Map<string, RunnerFile>();

  constructor(
    readonly dir: string,
    private readonly activity: WorkloadActivity,
    startMs: number,
  ) {
    for (const c of activity.containers) {
      const name = c.workload.container.name;
      const file = new BufferedLogFile(join(dir, `${name}.log`));
      this.files.set(name, {
        file,
        pending: runnerStartupLines(startMs, c.workload.kind === 'live'),
      });
    }
  }

  pathOf(containerName: string): string | undefined {
    return this.files.get(containerName)?.file.path;
  }

  private push(job: JobRecord, lines: LogLine[]): void {
    const c: Container | undefined = this.activity.containerOf(job);
    if (c === undefined) return;
    this.files.get(c.workload.container.name)?.pending.push(...lines);
  }

  onStreamStart(job: JobRecord): void {
    if (handlingOf(job) !== 'processed') return;
    this.push(job, streamStartLines(job.startMs + (job.live?.ptffMs ?? 0) * 0.3, job));
  }

  onFps(job: JobRecord, sample: FpsSample): void {
    this.push(job, fpsLines(job, sample));
  }

  onJob(job: JobRecord): void {
    const handling = handlingOf(job);
    if (job.live !== null) {
      if (handling === 'processed') this.push(job, streamEndLines(job.endMs, job));
      if (handling === 'processing_error')
        this.push(job, [accessLine(job.endMs - 0.2, job, '/live-video-to-video', false)]);
      return;
    }
    if (handling !== 'processed' && handling !== 'processing_error') return;
    this.push(job, [
      accessLine(job.endMs - 0.2, job, pipelineInfo(job.pipeline).route, handling === 'processed'),
    ]);
  }

  async flush(): Promise<void> {
    await Promise.all(
      [...this.files.values()].map((f) => {
        const lines = f.pending.sort((a, b) => a.atMs - b.atMs);
        f.pending = [];
        f.file.append(lines.map((l) => l.text));
        return f.file.flush();
      }),
    );
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all([...this.files.values()].map((f) => f.file.close()));
  }
}
