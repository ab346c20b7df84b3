/** An MSB-first bit writer with H.264's Exp-Golomb codes (ITU-T H.264 §7.2, §9.1). */
export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  /** `n` bits of `value`, most significant first (n ≤ 32). */
  u(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) & 1);
    return this;
  }

  /** ue(v): unsigned Exp-Golomb. */
  ue(value: number): this {
    const x = value + 1;
    const len = Math.floor(Math.log2(x));
    return this.u(len, 0).u(len + 1, x);
  }

  /** se(v): signed Exp-Golomb. */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Zero bits up to the next byte boundary. */
  alignZero(): this {
    while (this.used !== 0) this.bit(0);
    return this;
  }

  /** rbsp_trailing_bits(): a one, then zeros to the byte boundary. */
  trailing(): this {
    return this.bit(1).alignZero();
  }

  /** Whole bytes; the writer must be byte-aligned. */
  raw(data: Uint8Array): this {
    if (this.used !== 0) throw new Error('raw bytes need a byte-aligned writer');
    for (const b of data) this.bytes.push(b);
    return this;
  }

  toBytes(): Uint8Array {
    if (this.used !== 0) throw new Error('bit writer is not byte-aligned');
    return Uint8Array.from(this.bytes);
  }

  private bit(b: number): this {
    this.current = (this.current << 1) | b;
    if (++this.used === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.used = 0;
    }
    return this;
  }
}

/**
 * A NAL unit from its header fields and RBSP, with emulation prevention
 * (§7.4.1: 0x000000…0x000003 inside the payload get a 0x03 inserted).
 */
export function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}
