import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a demo data directory remembers between runs. */
export interface DemoState {
  /** History has been sent up to here (ms since the epoch). */
  readonly backfilledToMs: number | null;
}

export async function readState(dataDir: string): Promise<DemoState> {
  try {
    const parsed = JSON.parse(
      await readFile(join(dataDir, 'state.json'), 'utf8'),
    ) as Partial<DemoState>;
    return {
      backfilledToMs: typeof parsed.backfilledToMs === 'number' ? parsed.backfilledToMs : null,
    };
  } catch {
    return { backfilledToMs: null };
  }
}

export async function writeState(dataDir: string, state: DemoState): Promise<void> {
  await writeFile(join(dataDir, 'state.json'), `${JSON.stringify(state)}\n`);
}
