import { readAt, writeAtomically } from './file.js';

/** How far the collector has acknowledged a file: its identity and a byte offset. */
export interface AckState {
  readonly fileId: string;
  readonly offset: number;
}

export type LoadedAckState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'corrupt'; readonly reason: string }
  | { readonly kind: 'ok'; readonly state: AckState };

const MAX_STATE_BYTES = 4_096;
const VERSION = 1;

/** The state file beside an outbox file. */
export const statePathOf = (outboxPath: string): string => `${outboxPath}.offset`;

function parseState(text: string): LoadedAckState {
  if (text.length > MAX_STATE_BYTES) return { kind: 'corrupt', reason: 'larger than 4 KiB' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null)
    return { kind: 'corrupt', reason: 'not an object' };
  const { version, fileId, offset } = value as Record<string, unknown>;
  if (version !== VERSION) return { kind: 'corrupt', reason: `unknown version ${String(version)}` };
  if (typeof fileId !== 'string' || fileId.length > 100)
    return { kind: 'corrupt', reason: 'fileId is not a short string' };
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    return { kind: 'corrupt', reason: 'offset is not a non-negative integer' };
  return { kind: 'ok', state: { fileId, offset } };
}

/** Reads the state file; a missing file and a malformed one are told apart. */
export async function loadAckState(path: string): Promise<LoadedAckState> {
  let text: string;
  try {
    text = (await readAt(path, 0, MAX_STATE_BYTES + 1)).toString('utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  return parseState(text);
}

/** Writes the state durably (temporary file, fsync, atomic rename). */
export function saveAckState(path: string, state: AckState): Promise<void> {
  return writeAtomically(
    path,
    `${JSON.stringify({ version: VERSION, fileId: state.fileId, offset: state.offset })}\n`,
  );
}
