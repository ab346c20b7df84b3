import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What identifies a file across renames (device and inode) and its size. */
export interface FileIdentity {
  readonly id: string;
  readonly size: number;
}

const isMissing = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && err.code === 'ENOENT';

/** The file's identity and size; null when it does not exist. */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  try {
    const s = await stat(path, { bigint: true });
    return { id: `${s.dev}:${s.ino}`, size: Number(s.size) };
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** Up to `length` bytes from `position` (fewer at the end of the file). */
export async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, length));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/** Appends `data` and waits until it is on disk (creates the file). */
export async function appendDurably(path: string, data: string): Promise<void> {
  const fh = await open(path, 'a');
  try {
    if (data !== '') await fh.writeFile(data);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** Makes a rename in `dir` durable (best effort: some systems cannot sync a directory). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not supported here (e.g. Windows): the rename itself is still atomic.
  }
}

/** Replaces `path` atomically once `fill` has written its new content to the temporary file. */
async function replaceAtomically(
  path: string,
  fill: (tmp: string) => Promise<void>,
): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await fill(tmp);
  const fh = await open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await syncDir(dirname(path));
}

/** Writes a small file atomically: temporary file, fsync, rename, directory fsync. */
export function writeAtomically(path: string, data: string): Promise<void> {
  return replaceAtomically(path, async (tmp) => {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
    } finally {
      await fh.close();
    }
  });
}

/** Replaces `path` with its bytes from `from` on (atomically; the file gets a new identity). */
export function keepTail(path: string, from: number): Promise<void> {
  return replaceAtomically(path, (tmp) =>
    pipeline(createReadStream(path, { start: from }), createWriteStream(tmp)),
  );
}

/** Calls `each` with the file's bytes from `from` on, chunk by chunk, until it returns false. */
export async function scan(
  path: string,
  from: number,
  each: (chunk: Buffer, offset: number) => boolean,
): Promise<void> {
  let offset = from;
  for await (const chunk of createReadStream(path, { start: from, highWaterMark: 1 << 20 })) {
    if (!Buffer.isBuffer(chunk)) continue;
    if (!each(chunk, offset)) return;
    offset += chunk.length;
  }
}
