import { DecodeError } from './model.js';
import type { AnyValue, Attributes, DecodeLimits } from './model.js';
import { Path } from './path.js';

/**
 * Collects the key/value pairs of one attribute list (or kvlist), enforcing
 * `limits.maxAttributes` on the number of entries; a repeated key keeps the
 * last value, as the protobuf and JSON mappings of a map would. The result is
 * a plain object (fast, same shape for the same keys); a `__proto__` key is
 * stored as an ordinary own property, never as the object's prototype.
 */
export class AttributeSink {
  private readonly values: Record<string, AnyValue> = {};
  private count = 0;

  /**
   * `at`: where the list is, or the message holding it in its field `field`
   * (then the path is built only if an error needs it). Entries are `path[i]`.
   */
  constructor(
    private readonly limits: DecodeLimits,
    private readonly at: Path | { readonly path: Path },
    readonly field = '',
  ) {}

  get path(): Path {
    const base = this.at instanceof Path ? this.at : this.at.path;
    return this.field === '' ? base : base.field(this.field);
  }

  /** Reserves the next entry and returns its index; throws past the limit. */
  next(): number {
    if (this.count >= this.limits.maxAttributes) {
      throw new DecodeError(
        `more than ${this.limits.maxAttributes} attributes (limit maxAttributes)`,
        this.path.toString(),
      );
    }
    return this.count++;
  }

  set(key: string, value: AnyValue): void {
    if (key === '__proto__') {
      Object.defineProperty(this.values, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else this.values[key] = value;
  }

  build(): Attributes {
    return this.values;
  }
}

/** An attribute list that was absent. */
export const NO_ATTRIBUTES: Attributes = Object.freeze({});
