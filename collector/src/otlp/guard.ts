import { DecodeError } from './model.js';

/**
 * Runs a decoder and guarantees that nothing but a DecodeError escapes it: the
 * decoders check what they can, and this net turns anything they missed (a
 * RangeError from a typed array, a stack overflow under odd limits) into a
 * DecodeError at the request's root.
 */
export function guardDecode<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof DecodeError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new DecodeError(`malformed request (${detail})`, '');
  }
}
