import { open, unlink } from 'node:fs/promises';

/** Whether `error` is a Node system error with this code. */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Creates `path` (it must not exist), writes `data` and fsyncs the file. On
 * failure the partial file is removed (best effort) and the error rethrown.
 * The new name is durable only after syncDir() of its directory.
 */
export async function writeNewFile(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** Makes creations, renames and removals in `dir` durable (fsync of the directory). */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms and file systems cannot fsync a directory; nothing more to do there.
    if (!hasCode(error, 'EINVAL') && !hasCode(error, 'EISDIR') && !hasCode(error, 'EPERM')) {
      throw error;
    }
  } finally {
    await handle.close();
  }
}
