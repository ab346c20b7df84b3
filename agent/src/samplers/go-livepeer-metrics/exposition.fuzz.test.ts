/**
 * Fuzzing the Prometheus text parser path (parse-prometheus-text-format
 * behind `parseExposition`, then `readGoLivepeer`) with ≥ 10 000 seeded
 * inputs: random text and mutations of go-livepeer expositions. Neither
 * throws; a result is either a refusal with a short printable reason or
 * families whose samples are numbers; the slowest input stays far below a
 * second.
 */
import { describe, expect, it } from 'vitest';
import { fuzzCase, HANG_MS, mutateTextN, pick, randomInput, rng, tally } from '../../test-fuzz.js';
import { parseExposition, parsePromValue } from './exposition.js';
import { readGoLivepeer } from './mapping.js';
import { GOOD_EXPOSITION } from './test-fixtures.js';

const CASES = 10_000;

/** More shapes: histogram, escapes in label values, timestamps, untyped, live pipelines. */
const MORE = `# HELP livepeer_ai_current_live_pipelines Number of live AI pipelines currently running
# TYPE livepeer_ai_current_live_pipelines gauge
livepeer_ai_current_live_pipelines{node_id="0xab-host",node_type="orch",pipeline="streamdiffusion"} 3
# HELP livepeer_transcode_latency_seconds Transcoding latency
# TYPE livepeer_transcode_latency_seconds histogram
livepeer_transcode_latency_seconds_bucket{profiles="P240p30fps16x9",le="0.5"} 4
livepeer_transcode_latency_seconds_bucket{profiles="P240p30fps16x9",le="+Inf"} 9
livepeer_transcode_latency_seconds_sum{profiles="P240p30fps16x9"} 3.25
livepeer_transcode_latency_seconds_count{profiles="P240p30fps16x9"} 9
# TYPE odd_untyped untyped
odd_untyped{path="C:\\\\x\\ny",quote="say \\"hi\\""} -Inf 1715000000000
# HELP livepeer_ai_models_requested Number of AI models requested over time
# TYPE livepeer_ai_models_requested counter
livepeer_ai_models_requested{model_name="meta-llama/Meta-Llama-3.1-8B-Instruct",node_id="0xab-host",node_type="orch",pipeline="llm"} 7
`;

const CORPUS = [
  GOOD_EXPOSITION,
  MORE,
  GOOD_EXPOSITION + MORE.replace(/.*models_requested.*\n/g, ''),
];

describe('Prometheus exposition parsing under fuzzing', () => {
  it(
    `survives ${CASES} inputs, each refused with a reason or read into numbers`,
    { timeout: 60_000 },
    () => {
      expect(parseExposition(GOOD_EXPOSITION).ok).toBe(true);
      const next = rng(7101);
      const t = tally();
      const outcome = { parsed: 0, refused: 0, read: 0 };
      for (let i = 0; i < CASES; i++) {
        const text =
          next() < 0.1 ? randomInput(next, 3000) : mutateTextN(pick(next, CORPUS), next, CORPUS);
        fuzzCase(t, `case ${i} (seed 7101)`, text.length, () => {
          const r = parseExposition(text);
          if (!r.ok) {
            if (r.error.length === 0 || r.error.length > 300 || /\p{Cc}/u.test(r.error))
              throw new Error(
                `unhelpful or unsafe reason: ${JSON.stringify(r.error.slice(0, 400))}`,
              );
            outcome.refused++;
            return;
          }
          outcome.parsed++;
          for (const f of r.families.values())
            for (const s of f.series)
              if (typeof s.value !== 'number')
                throw new Error(`${f.name}: value ${String(s.value)}`);
          if (readGoLivepeer(r.families).ok) outcome.read++;
        });
      }
      expect(t.cases).toBe(CASES);
      expect(outcome.parsed).toBeGreaterThan(0);
      expect(outcome.refused).toBeGreaterThan(0);
      expect(outcome.read).toBeGreaterThan(0);
      expect(t.slowestMs).toBeLessThan(HANG_MS);
      console.info(`Prometheus text fuzz: ${JSON.stringify({ ...t, ...outcome })}`);
    },
  );

  it(`reads ${CASES} mutated sample values as Go does or not at all`, { timeout: 60_000 }, () => {
    // Linear time on long non-numbers (the first pattern took minutes on this).
    expect(parsePromValue(`${'9'.repeat(200_000)}x`)).toBeNull();
    expect(parsePromValue(`${'9'.repeat(200_000)}.5e3`)).toBe(Infinity);
    const next = rng(7102);
    const values = ['0', '1.5', '-2e-3', '+Inf', 'NaN', '1.234567e+06', '.5', '5.'];
    for (let i = 0; i < CASES; i++) {
      const text = mutateTextN(pick(next, values), next, values);
      const v = parsePromValue(text);
      if (v !== null)
        expect(typeof v, `case ${i} (seed 7102): ${text.slice(0, 40)}`).toBe('number');
    }
  });
});
