/**
 * Sample values as the Prometheus Go client writes them (`expfmt.writeFloat`
 * of prometheus/common, used by client_golang v1.14 behind go-livepeer's
 * OpenCensus exporter): 1, 0 and -1 literally, `NaN`, `+Inf`, `-Inf`, and
 * otherwise `strconv.AppendFloat(f, 'g', -1, 64)`: the shortest digits that
 * round-trip, in %e form when the exponent is < -4 or >= 6 (Go uses a
 * precision of 6 for that decision in shortest mode), e.g. `1.234567e+06`,
 * `1e-05`, `123456`, `0.0001`.
 */
export function formatPromValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return '0';
  return goShortestG(v);
}

function goShortestG(v: number): string {
  const neg = v < 0;
  // JS toExponential() without digits gives the shortest round-trip mantissa.
  const [mantissa = '0', expText = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const body = exp < -4 || exp >= 6 ? eForm(digits, exp) : fForm(digits, exp);
  return neg ? `-${body}` : body;
}

function eForm(digits: string, exp: number): string {
  const mant = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
  const sign = exp < 0 ? '-' : '+';
  return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fForm(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return digits + '0'.repeat(intLen - digits.length);
  return `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
