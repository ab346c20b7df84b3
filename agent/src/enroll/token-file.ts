import { randomBytes } from 'node:crypto';
import { chown, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The agent's token file: the bearer token on one line, mode 0600. */

/** The token in `path`; undefined when the file does not exist or is empty. */
export async function readTokenFile(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const token = text.trim();
  if (token === '') return undefined;
  if (!/^\S{16,512}$/.test(token)) throw new Error(`${path} does not hold a token on one line`);
  return token;
}

/**
 * Writes the token atomically (a temporary file, fsynced, renamed over the
 * old one), readable by its owner only. Run as root (`sudo naap-agent
 * enroll`), the file is given to the owner of its directory — the service
 * user of /var/lib/naap-agent — so the service can read it.
 */
export async function writeTokenFile(path: string, token: string): Promise<void> {
  const dir = dirname(path);
  const owner = await stat(dir);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'wx', 0o600);
  try {
    await file.writeFile(`${token}\n`);
    await file.chmod(0o600);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    if (process.getuid?.() === 0) await chown(tmp, owner.uid, owner.gid);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
