import { describe, expect, it } from 'vitest';
import { CENSUS } from './census-defs.js';
import { CensusRegistry, renderExposition } from './prometheus.js';

const base = { node_id: '0xabc-host', node_type: 'orch' };

describe('CensusRegistry', () => {
  it('exports nothing before the first recording', () => {
    const r = new CensusRegistry(base);
    expect(renderExposition(r.families())).toBe('');
    expect(r.has(CENSUS.modelsRequested)).toBe(false);
  });

  it('accumulates counters, keeps gauge last values, fills unset view tags with ""', () => {
    const r = new CensusRegistry(base);
    const tags = { pipeline: 'text-to-image', model_name: 'm' };
    r.add(CENSUS.modelsRequested, tags, 1);
    r.add(CENSUS.modelsRequested, tags, 1);
    r.set(CENSUS.containerIdle, { pipeline: 'llm', model_name: 'x' }, 2);
    r.set(CENSUS.containerIdle, { pipeline: 'llm', model_name: 'x' }, 1);
    expect(renderExposition(r.families())).toBe(
      [
        '# HELP livepeer_ai_container_idle Number of containers currently available for AI processing',
        '# TYPE livepeer_ai_container_idle gauge',
        'livepeer_ai_container_idle{model_name="x",node_id="0xabc-host",node_type="orch",orchestrator_uri="",pipeline="llm"} 1',
        '# HELP livepeer_ai_models_requested Number of AI models requested over time',
        '# TYPE livepeer_ai_models_requested counter',
        'livepeer_ai_models_requested{model_name="m",node_id="0xabc-host",node_type="orch",pipeline="text-to-image"} 2',
        '',
      ].join('\n'),
    );
  });

  it('drops tags the view does not list (livepeer_versions has no node_id)', () => {
    const r = new CensusRegistry(base);
    r.set(
      CENSUS.versions,
      { compiler: 'gc', goos: 'linux', goversion: 'go1.23.4', livepeerversion: '0.9.1' },
      1,
    );
    expect(renderExposition(r.families())).toContain(
      'livepeer_versions{compiler="gc",goos="linux",goversion="go1.23.4",livepeerversion="0.9.1",node_type="orch"} 1',
    );
  });

  it('escapes label values and sorts samples by label values', () => {
    const r = new CensusRegistry(base);
    const tags = (code: string) => ({
      error_code: code,
      pipeline: 'llm',
      model_name: 'm',
      sender: 's',
    });
    r.add(CENSUS.requestErrors, tags('b "quoted"\nline'), 1);
    r.add(CENSUS.requestErrors, tags('a\\path'), 3);
    const text = renderExposition(r.families());
    const lines = text.split('\n').filter((l) => l.startsWith('livepeer_ai_request_errors{'));
    expect(lines).toEqual([
      'livepeer_ai_request_errors{error_code="a\\\\path",model_name="m",node_id="0xabc-host",node_type="orch",pipeline="llm",sender="s"} 3',
      'livepeer_ai_request_errors{error_code="b \\"quoted\\"\\nline",model_name="m",node_id="0xabc-host",node_type="orch",pipeline="llm",sender="s"} 1',
    ]);
  });
});

describe('renderExposition', () => {
  it('writes summaries with quantile labels last and keeps their sample order', () => {
    const text = renderExposition([
      {
        name: 'go_gc_duration_seconds',
        help: 'A summary of the pause duration of garbage collection cycles.',
        type: 'summary',
        samples: [
          { name: 'go_gc_duration_seconds', labels: { quantile: '0' }, value: 0.00002 },
          { name: 'go_gc_duration_seconds_sum', labels: {}, value: 0.5 },
          { name: 'go_gc_duration_seconds_count', labels: {}, value: 12 },
        ],
      },
    ]);
    expect(text).toBe(
      [
        '# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.',
        '# TYPE go_gc_duration_seconds summary',
        'go_gc_duration_seconds{quantile="0"} 2e-05',
        'go_gc_duration_seconds_sum 0.5',
        'go_gc_duration_seconds_count 12',
        '',
      ].join('\n'),
    );
  });
});
