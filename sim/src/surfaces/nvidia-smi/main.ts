import { runNvidiaSmi, type SmiIo } from './run.js';

const isEpipe = (err: unknown): boolean =>
  err instanceof Error && (err as NodeJS.ErrnoException).code === 'EPIPE';

/**
 * The executable's entry (`sim/bin/nvidia-smi.js`): runs the fake nvidia-smi
 * on the process's stdout/stderr. SIGINT and SIGTERM end loop mode cleanly
 * (exit 0); a reader that closes stdout (EPIPE) ends it quietly. Returns the
 * exit code.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort();
  };
  let broken = false;
  process.stdout.on('error', (err: Error) => {
    if (!isEpipe(err)) process.stderr.write(`nvidia-smi (naap-sim): stdout: ${err.message}\n`);
    broken = true;
    stop();
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: SmiIo = {
    out: (text) => {
      if (!broken) process.stdout.write(text);
    },
    err: (text) => process.stderr.write(text),
  };
  try {
    return await runNvidiaSmi(argv, env, io, { signal: controller.signal });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`nvidia-smi (naap-sim): internal error: ${message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
