import { describe, expect, it } from 'vitest';
import { attr, lit, litList } from './sql.js';

describe('SQL literals of view definitions', () => {
  it('inline contract names as string literals', () => {
    expect(lit('livepeer.ai.jobs')).toBe("'livepeer.ai.jobs'");
    expect(litList(['a', 'stabilityai/sdxl-turbo'])).toBe("('a', 'stabilityai/sdxl-turbo')");
    expect(attr('raw.Attributes', 'naap.outcome')).toBe("raw.Attributes['naap.outcome']");
  });

  it('refuse anything that could leave the literal', () => {
    for (const bad of ["x'", 'x\\', "'); DROP TABLE t; --", 'a\nb', 'ä']) {
      expect(() => lit(bad)).toThrow(RangeError);
    }
  });
});
