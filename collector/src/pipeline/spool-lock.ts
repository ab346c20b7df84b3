import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpoolLockedError } from './errors.js';
import { hasCode } from './fs-durable.js';

const LOCK_FILE = 'spool.lock';

/**
 * Takes the spool directory for this process: a lock file holding our pid.
 * A lock left by a process that is gone (a crash) is taken over; one held by
 * a live process throws SpoolLockedError. Returns the release function.
 */
export async function lockSpool(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const me = String(process.pid);
  try {
    await writeFile(path, me, { flag: 'wx' });
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
    const owner = Number((await readFile(path, 'utf8')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new SpoolLockedError(dir, owner);
    }
    await writeFile(path, me);
  }
  return async () => {
    const owner = await readFile(path, 'utf8').catch(() => '');
    if (owner.trim() === me) await unlink(path).catch(() => undefined);
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return hasCode(error, 'EPERM'); // exists, owned by another user
  }
}
