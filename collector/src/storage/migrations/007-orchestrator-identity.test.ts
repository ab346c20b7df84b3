import { describe, expect, it } from 'vitest';
import { IDENTITY_TABLE, orchestratorIdentity } from './007-orchestrator-identity.js';

const TTL = { raw: 14, minute: 90, hour: 730 };

describe('migration 7: orchestrator identity', () => {
  it('single node: one AggregatingMergeTree table and two views reading the raw tables', () => {
    const s = orchestratorIdentity.statements({ database: 'naap', ttlDays: TTL });
    expect(s).toHaveLength(3);
    expect(s[0]).toContain(`\`naap\`.\`${IDENTITY_TABLE}\``);
    expect(s[0]).toContain('ENGINE = AggregatingMergeTree()');
    expect(s[0]).toContain('TTL toDate(Day) + toIntervalDay(730)');
    expect(s[1]).toContain('FROM `naap`.`otel_metrics_gauge` AS raw');
    expect(s[1]).toContain("raw.MetricName = 'naap.agent.heartbeat'");
    expect(s[2]).toContain('FROM `naap`.`otel_logs` AS raw');
    expect(s[2]).toContain("raw.EventName = 'naap.testload.job'");
  });

  it('on a cluster: replicated local table, Distributed front, views into the local table', () => {
    const s = orchestratorIdentity.statements({ database: 'naap', cluster: 'c1', ttlDays: TTL });
    expect(s).toHaveLength(4);
    for (const q of s) expect(q).toContain('ON CLUSTER `c1`');
    expect(s[0]).toContain(`\`${IDENTITY_TABLE}_local\``);
    expect(s[0]).toContain('ReplicatedAggregatingMergeTree');
    expect(s[1]).toContain('ENGINE = Distributed(');
    expect(s[2]).toContain(`TO \`naap\`.\`${IDENTITY_TABLE}_local\``);
    expect(s[2]).toContain('FROM `naap`.`otel_metrics_gauge_local` AS raw');
    expect(s[3]).toContain('FROM `naap`.`otel_logs_local` AS raw');
  });
});
