import { DecodeError } from './model.js';
import type { DecodeLimits } from './model.js';

/**
 * Levels of JSON nesting above the deepest AnyValue of an OTLP request: root,
 * resourceMetrics[], {}, scopeMetrics[], {}, metrics[], {}, sum{}, dataPoints[],
 * {}, exemplars[], {}, filteredAttributes[], {}, value{}, plus one to spare.
 */
const ENVELOPE_LEVELS = 16;
/** One AnyValue level costs at most 4 JSON levels: kvlistValue{ values[ {key,value} value{. */
const LEVELS_PER_ANY_VALUE = 4;

/** The deepest JSON nesting an OTLP body within `limits` can need. */
export function jsonNestingLimit(limits: DecodeLimits): number {
  return ENVELOPE_LEVELS + LEVELS_PER_ANY_VALUE * (limits.maxDepth + 1);
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Rejects text nested deeper than `maxLevels` with one linear scan (no
 * recursion, no allocation), so hostile input never reaches JSON.parse or the
 * decoders with unbounded depth. Brackets inside strings do not count.
 */
export function checkJsonNesting(text: string, maxLevels: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxLevels) {
        throw new DecodeError(
          `JSON nested deeper than ${maxLevels} levels (at character ${i})`,
          '',
        );
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
}

/** JSON.parse behind the nesting check (a leading BOM is ignored); syntax errors become DecodeErrors. */
export function parseJsonBounded(text: string, limits: DecodeLimits): unknown {
  checkJsonNesting(text, jsonNestingLimit(limits));
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DecodeError(`invalid JSON (${detail})`, '');
  }
}
