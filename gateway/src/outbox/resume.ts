import type { Logger } from 'pino';
import { appendDurably, fileIdentity, readAt, type FileIdentity } from './file.js';
import type { LoadedAckState } from './state.js';

/**
 * Where an outbox resumes after a start: the saved offset when it still
 * fits the file; else the start of the file (at-least-once), except that a
 * results file without any saved offset is sent from its end (it may hold
 * records delivered before the outbox existed; the dedicated outbox file
 * holds only records not yet sent).
 */
export function resumeAt(
  saved: LoadedAckState,
  file: FileIdentity,
  o: { readonly path: string; readonly owned: boolean },
  log: Logger,
): number {
  const at = { file: o.path };
  if (saved.kind === 'missing') {
    if (!o.owned && file.size > 0)
      log.info(at, 'outbox: no saved offset; sending records written from now on');
    return o.owned ? 0 : file.size;
  }
  if (saved.kind === 'corrupt') {
    log.warn(
      { ...at, reason: saved.reason },
      'outbox: saved offset unreadable; sending the file from the start',
    );
    return 0;
  }
  if (saved.state.fileId !== file.id) {
    log.warn(
      at,
      'outbox: the file was replaced since the offset was saved; sending it from the start',
    );
    return 0;
  }
  if (saved.state.offset > file.size) {
    log.warn(at, 'outbox: the file shrank since the offset was saved; sending it from the start');
    return 0;
  }
  return saved.state.offset;
}

/**
 * The file's identity after ending a torn last line (a crash mid-write)
 * with a newline: the torn line is then skipped as malformed, and the next
 * record is not glued to it.
 */
export async function repairTail(path: string, log: Logger): Promise<FileIdentity> {
  const file = await fileIdentity(path);
  if (file === null) throw new Error(`outbox file ${path} is missing`);
  if (file.size === 0) return file;
  const last = await readAt(path, file.size - 1, 1);
  if (last[0] === 0x0a) return file;
  log.warn({ file: path }, 'outbox: the last line was torn; it will be skipped');
  await appendDurably(path, '\n');
  return { id: file.id, size: file.size + 1 };
}
