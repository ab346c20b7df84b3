import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

/** One child process of the demo, its output in `<logs>/<name>.log`. */
interface Service {
  readonly name: string;
  readonly child: ResultPromise;
  readonly log: WriteStream;
  readonly logPath: string;
  stopping: boolean;
}

/**
 * Starts the demo's processes, keeps their output out of the terminal (one
 * log file each), reports one that dies, and stops them all in reverse order
 * (SIGTERM, then SIGKILL after a grace period).
 */
export class Supervisor {
  private readonly services: Service[] = [];

  constructor(
    private readonly logDir: string,
    private readonly onExit: (name: string, code: number | null, tail: string) => void,
  ) {}

  start(name: string, args: readonly string[], env: Readonly<Record<string, string>>): void {
    const logPath = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logPath, { flags: 'a' });
    const child = execa(process.execPath, args, {
      env: { ...env, NODE_ENV: 'production' },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
      all: false,
      forceKillAfterDelay: 15_000,
      cleanup: true,
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const service: Service = { name, child, log, logPath, stopping: false };
    this.services.push(service);
    void child.then(async (result) => {
      if (service.stopping) return;
      const tail = await readFile(logPath, 'utf8').catch(() => '');
      this.onExit(name, result.exitCode ?? null, tail.split('\n').slice(-15).join('\n'));
    });
  }

  get size(): number {
    return this.services.length;
  }

  /** Stops every process, the last started first. */
  async stopAll(): Promise<void> {
    for (const s of [...this.services].reverse()) {
      s.stopping = true;
      s.child.kill('SIGTERM');
      await s.child;
      s.log.end();
    }
    this.services.length = 0;
  }
}
