-- migration 1: raw OTLP tables (OpenTelemetry Collector ClickHouse exporter layout)
CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_gauge_local` ON CLUSTER `naap_cluster` (
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ResourceSchemaUrl String CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1)),
    ScopeSchemaUrl String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    MetricName String CODEC(ZSTD(1)),
    MetricDescription String CODEC(ZSTD(1)),
    MetricUnit String CODEC(ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Flags UInt32 CODEC(ZSTD(1)),
    Exemplars Nested (
        FilteredAttributes Map(LowCardinality(String), String),
        TimeUnix DateTime64(9),
        Value Float64,
        SpanId String,
        TraceId String
    ) CODEC(ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(Attributes['livepeer.orchestrator.address'] != '', Attributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(Attributes['livepeer.region'] != '', Attributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED Attributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED Attributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED Attributes['livepeer.model_id'],
    INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimeUnix)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, toUnixTimestamp64Nano(TimeUnix))
TTL toDateTime(TimeUnix) + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_gauge` ON CLUSTER `naap_cluster` AS `naap`.`otel_metrics_gauge_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_metrics_gauge_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_sum_local` ON CLUSTER `naap_cluster` (
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ResourceSchemaUrl String CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1)),
    ScopeSchemaUrl String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    MetricName String CODEC(ZSTD(1)),
    MetricDescription String CODEC(ZSTD(1)),
    MetricUnit String CODEC(ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Flags UInt32 CODEC(ZSTD(1)),
    Exemplars Nested (
        FilteredAttributes Map(LowCardinality(String), String),
        TimeUnix DateTime64(9),
        Value Float64,
        SpanId String,
        TraceId String
    ) CODEC(ZSTD(1)),
    AggregationTemporality Int32 CODEC(ZSTD(1)),
    IsMonotonic Boolean CODEC(Delta, ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(Attributes['livepeer.orchestrator.address'] != '', Attributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(Attributes['livepeer.region'] != '', Attributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED Attributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED Attributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED Attributes['livepeer.model_id'],
    INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimeUnix)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, toUnixTimestamp64Nano(TimeUnix))
TTL toDateTime(TimeUnix) + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_sum` ON CLUSTER `naap_cluster` AS `naap`.`otel_metrics_sum_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_metrics_sum_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_histogram_local` ON CLUSTER `naap_cluster` (
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ResourceSchemaUrl String CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1)),
    ScopeSchemaUrl String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    MetricName String CODEC(ZSTD(1)),
    MetricDescription String CODEC(ZSTD(1)),
    MetricUnit String CODEC(ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    Count UInt64 CODEC(Delta, ZSTD(1)),
    Sum Float64 CODEC(ZSTD(1)),
    BucketCounts Array(UInt64) CODEC(ZSTD(1)),
    ExplicitBounds Array(Float64) CODEC(ZSTD(1)),
    Exemplars Nested (
        FilteredAttributes Map(LowCardinality(String), String),
        TimeUnix DateTime64(9),
        Value Float64,
        SpanId String,
        TraceId String
    ) CODEC(ZSTD(1)),
    Flags UInt32 CODEC(ZSTD(1)),
    Min Float64 CODEC(ZSTD(1)),
    Max Float64 CODEC(ZSTD(1)),
    AggregationTemporality Int32 CODEC(ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(Attributes['livepeer.orchestrator.address'] != '', Attributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(Attributes['livepeer.region'] != '', Attributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED Attributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED Attributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED Attributes['livepeer.model_id'],
    INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimeUnix)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, toUnixTimestamp64Nano(TimeUnix))
TTL toDateTime(TimeUnix) + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_histogram` ON CLUSTER `naap_cluster` AS `naap`.`otel_metrics_histogram_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_metrics_histogram_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_exponential_histogram_local` ON CLUSTER `naap_cluster` (
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ResourceSchemaUrl String CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1)),
    ScopeSchemaUrl String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    MetricName String CODEC(ZSTD(1)),
    MetricDescription String CODEC(ZSTD(1)),
    MetricUnit String CODEC(ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    Count UInt64 CODEC(Delta, ZSTD(1)),
    Sum Float64 CODEC(ZSTD(1)),
    Scale Int32 CODEC(ZSTD(1)),
    ZeroCount UInt64 CODEC(ZSTD(1)),
    PositiveOffset Int32 CODEC(ZSTD(1)),
    PositiveBucketCounts Array(UInt64) CODEC(ZSTD(1)),
    NegativeOffset Int32 CODEC(ZSTD(1)),
    NegativeBucketCounts Array(UInt64) CODEC(ZSTD(1)),
    Exemplars Nested (
        FilteredAttributes Map(LowCardinality(String), String),
        TimeUnix DateTime64(9),
        Value Float64,
        SpanId String,
        TraceId String
    ) CODEC(ZSTD(1)),
    Flags UInt32 CODEC(ZSTD(1)),
    Min Float64 CODEC(ZSTD(1)),
    Max Float64 CODEC(ZSTD(1)),
    AggregationTemporality Int32 CODEC(ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(Attributes['livepeer.orchestrator.address'] != '', Attributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(Attributes['livepeer.region'] != '', Attributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED Attributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED Attributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED Attributes['livepeer.model_id'],
    INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimeUnix)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, toUnixTimestamp64Nano(TimeUnix))
TTL toDateTime(TimeUnix) + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_exponential_histogram` ON CLUSTER `naap_cluster` AS `naap`.`otel_metrics_exponential_histogram_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_metrics_exponential_histogram_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_summary_local` ON CLUSTER `naap_cluster` (
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ResourceSchemaUrl String CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1)),
    ScopeSchemaUrl String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    MetricName String CODEC(ZSTD(1)),
    MetricDescription String CODEC(ZSTD(1)),
    MetricUnit String CODEC(ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1)),
    Count UInt64 CODEC(Delta, ZSTD(1)),
    Sum Float64 CODEC(ZSTD(1)),
    ValueAtQuantiles Nested(
        Quantile Float64,
        Value Float64
    ) CODEC(ZSTD(1)),
    Flags UInt32 CODEC(ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(Attributes['livepeer.orchestrator.address'] != '', Attributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(Attributes['livepeer.region'] != '', Attributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED Attributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED Attributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED Attributes['livepeer.model_id'],
    INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimeUnix)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, toUnixTimestamp64Nano(TimeUnix))
TTL toDateTime(TimeUnix) + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_metrics_summary` ON CLUSTER `naap_cluster` AS `naap`.`otel_metrics_summary_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_metrics_summary_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`otel_logs_local` ON CLUSTER `naap_cluster` (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TimestampTime DateTime DEFAULT toDateTime(Timestamp),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    TraceFlags UInt8,
    SeverityText LowCardinality(String) CODEC(ZSTD(1)),
    SeverityNumber UInt8,
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    Body String CODEC(ZSTD(1)),
    ResourceSchemaUrl LowCardinality(String) CODEC(ZSTD(1)),
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeSchemaUrl LowCardinality(String) CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion LowCardinality(String) CODEC(ZSTD(1)),
    ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    LogAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    EventName LowCardinality(String) DEFAULT LogAttributes['event.name'] CODEC(ZSTD(1)),
    OrchestratorAddress LowCardinality(String) MATERIALIZED if(LogAttributes['livepeer.orchestrator.address'] != '', LogAttributes['livepeer.orchestrator.address'], ResourceAttributes['livepeer.orchestrator.address']),
    Region LowCardinality(String) MATERIALIZED if(LogAttributes['livepeer.region'] != '', LogAttributes['livepeer.region'], ResourceAttributes['livepeer.region']),
    Source LowCardinality(String) MATERIALIZED ResourceAttributes['naap.source'],
    GpuId LowCardinality(String) MATERIALIZED LogAttributes['hw.id'],
    Pipeline LowCardinality(String) MATERIALIZED LogAttributes['livepeer.pipeline'],
    ModelId LowCardinality(String) MATERIALIZED LogAttributes['livepeer.model_id'],
    INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_log_attr_key mapKeys(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_log_attr_value mapValues(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toDate(TimestampTime)
ORDER BY (ServiceName, EventName, OrchestratorAddress, TimestampTime, Timestamp)
TTL TimestampTime + toIntervalDay(14)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`otel_logs` ON CLUSTER `naap_cluster` AS `naap`.`otel_logs_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `otel_logs_local`, cityHash64(OrchestratorAddress));

-- migration 2: per-minute and per-hour rollups of gauges, sums and delta histograms
CREATE TABLE IF NOT EXISTS `naap`.`naap_gauge_1m_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    Bucket DateTime('UTC'),
    Avg AggregateFunction(avg, Float64),
    Min SimpleAggregateFunction(min, Float64),
    Max SimpleAggregateFunction(max, Float64),
    Last AggregateFunction(argMax, Float64, DateTime64(9)),
    Samples SimpleAggregateFunction(sum, UInt64),
    Digest AggregateFunction(quantileTDigest, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toMonday(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket)
TTL Bucket + toIntervalDay(90)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gauge_1m` ON CLUSTER `naap_cluster` AS `naap`.`naap_gauge_1m_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gauge_1m_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_gauge_1h_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    Bucket DateTime('UTC'),
    Avg AggregateFunction(avg, Float64),
    Min SimpleAggregateFunction(min, Float64),
    Max SimpleAggregateFunction(max, Float64),
    Last AggregateFunction(argMax, Float64, DateTime64(9)),
    Samples SimpleAggregateFunction(sum, UInt64),
    Digest AggregateFunction(quantileTDigest, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gauge_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_gauge_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gauge_1h_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sum_1m_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    Bucket DateTime('UTC'),
    IsMonotonic SimpleAggregateFunction(max, UInt8),
    DeltaSum SimpleAggregateFunction(sum, Float64),
    DeltaSamples SimpleAggregateFunction(sum, UInt64),
    CumFirst AggregateFunction(argMinIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8),
    CumLast AggregateFunction(argMaxIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8),
    CumSamples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toMonday(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket)
TTL Bucket + toIntervalDay(90)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sum_1m` ON CLUSTER `naap_cluster` AS `naap`.`naap_sum_1m_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sum_1m_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sum_1h_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    Bucket DateTime('UTC'),
    IsMonotonic SimpleAggregateFunction(max, UInt8),
    DeltaSum SimpleAggregateFunction(sum, Float64),
    DeltaSamples SimpleAggregateFunction(sum, UInt64),
    CumFirst AggregateFunction(argMinIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8),
    CumLast AggregateFunction(argMaxIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8),
    CumSamples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sum_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sum_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sum_1h_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_histogram_1m_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    ExplicitBounds Array(Float64),
    Bucket DateTime('UTC'),
    BucketCounts AggregateFunction(sumForEach, Array(UInt64)),
    Count SimpleAggregateFunction(sum, UInt64),
    Sum SimpleAggregateFunction(sum, Float64),
    Min SimpleAggregateFunction(min, Float64),
    Max SimpleAggregateFunction(max, Float64),
    Samples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toMonday(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, ExplicitBounds, Bucket)
TTL Bucket + toIntervalDay(90)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_histogram_1m` ON CLUSTER `naap_cluster` AS `naap`.`naap_histogram_1m_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_histogram_1m_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_histogram_1h_local` ON CLUSTER `naap_cluster` (
    MetricName LowCardinality(String),
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    ServiceName LowCardinality(String),
    HostName LowCardinality(String),
    Attributes Map(LowCardinality(String), String),
    ExplicitBounds Array(Float64),
    Bucket DateTime('UTC'),
    BucketCounts AggregateFunction(sumForEach, Array(UInt64)),
    Count SimpleAggregateFunction(sum, UInt64),
    Sum SimpleAggregateFunction(sum, Float64),
    Min SimpleAggregateFunction(min, Float64),
    Max SimpleAggregateFunction(max, Float64),
    Samples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, ExplicitBounds, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_histogram_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_histogram_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_histogram_1h_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_gauge_1m_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_gauge_1m_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    toStartOfMinute(raw.TimeUnix, 'UTC') AS Bucket,
    avgState(raw.Value) AS Avg,
    min(raw.Value) AS Min,
    max(raw.Value) AS Max,
    argMaxState(raw.Value, raw.TimeUnix) AS Last,
    toUInt64(count()) AS Samples,
    quantileTDigestState(raw.Value) AS Digest
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_gauge_1h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_gauge_1h_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    avgState(raw.Value) AS Avg,
    min(raw.Value) AS Min,
    max(raw.Value) AS Max,
    argMaxState(raw.Value, raw.TimeUnix) AS Last,
    toUInt64(count()) AS Samples,
    quantileTDigestState(raw.Value) AS Digest
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sum_1m_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sum_1m_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    toStartOfMinute(raw.TimeUnix, 'UTC') AS Bucket,
    max(toUInt8(raw.IsMonotonic)) AS IsMonotonic,
    sumIf(raw.Value, raw.AggregationTemporality = 1) AS DeltaSum,
    toUInt64(countIf(raw.AggregationTemporality = 1)) AS DeltaSamples,
    argMinIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumFirst,
    argMaxIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumLast,
    toUInt64(countIf(raw.AggregationTemporality = 2)) AS CumSamples
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value) AND raw.AggregationTemporality IN (1, 2)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sum_1h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sum_1h_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    max(toUInt8(raw.IsMonotonic)) AS IsMonotonic,
    sumIf(raw.Value, raw.AggregationTemporality = 1) AS DeltaSum,
    toUInt64(countIf(raw.AggregationTemporality = 1)) AS DeltaSamples,
    argMinIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumFirst,
    argMaxIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumLast,
    toUInt64(countIf(raw.AggregationTemporality = 2)) AS CumSamples
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value) AND raw.AggregationTemporality IN (1, 2)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, Bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_histogram_1m_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_histogram_1m_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    raw.ExplicitBounds AS ExplicitBounds,
    toStartOfMinute(raw.TimeUnix, 'UTC') AS Bucket,
    sumForEachState(raw.BucketCounts) AS BucketCounts,
    sum(raw.Count) AS Count,
    sum(raw.Sum) AS Sum,
    min(if(raw.Count > 0, raw.Min, inf)) AS Min,
    max(if(raw.Count > 0, raw.Max, -inf)) AS Max,
    toUInt64(count()) AS Samples
FROM `naap`.`otel_metrics_histogram_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND raw.AggregationTemporality = 1 AND isFinite(raw.Sum) AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, ExplicitBounds, Bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_histogram_1h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_histogram_1h_local`
AS SELECT raw.MetricName AS MetricName,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.GpuId AS GpuId,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.ServiceName AS ServiceName,
    raw.ResourceAttributes['host.name'] AS HostName,
    mapSort(raw.Attributes) AS Attributes,
    raw.ExplicitBounds AS ExplicitBounds,
    toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    sumForEachState(raw.BucketCounts) AS BucketCounts,
    sum(raw.Count) AS Count,
    sum(raw.Sum) AS Sum,
    min(if(raw.Count > 0, raw.Min, inf)) AS Min,
    max(if(raw.Count > 0, raw.Max, -inf)) AS Max,
    toUInt64(count()) AS Samples
FROM `naap`.`otel_metrics_histogram_local` AS raw
WHERE bitAnd(raw.Flags, 1) = 0 AND raw.AggregationTemporality = 1 AND isFinite(raw.Sum) AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)
GROUP BY MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, ExplicitBounds, Bucket;

-- migration 3: hourly and daily SLA input tables and per-stream FPS moments, fed by views on the raw tables
CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_1h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_1h_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_1d_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_1d` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_1d_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_1d_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_sum_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'success'))) AS JobsSuccess,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'failure'))) AS JobsFailure,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'excused'))) AS JobsExcused,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.error.class'] IN ('capacity', 'no_orchestrator')))) AS CapacityRefused,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND (raw.Pipeline IN ('live-video-to-video') OR raw.Attributes['naap.job.warm'] = 'false')))) AS StartupAttempts,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND (raw.Pipeline IN ('live-video-to-video') OR raw.Attributes['naap.job.warm'] = 'false') AND raw.Attributes['naap.outcome'] = 'success'))) AS StartupSuccesses,
    sumIf(raw.Value, raw.MetricName = 'livepeer.ai.live.fps.sum_squares') AS FpsSumSquares
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1
  AND bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value) AND raw.Value >= 0
  AND raw.MetricName IN ('livepeer.ai.jobs', 'livepeer.ai.live.fps.sum_squares')
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_histogram_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    sumIf(raw.Count, raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', '')) AS E2eCount,
    1000 * sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', '')) AS E2eSumMs,
    quantileTDigestWeightedArrayState(if(raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', ''), arrayFlatten(arrayMap(i -> arrayMap(j -> 1000 * (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i] + (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i + 1] - if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i]) * (j + 0.5) / toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), []), if(raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', ''), arrayFlatten(arrayMap(i -> arrayMap(j -> toUInt64(intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * (j + 1), toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))) - intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * j, toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), [])) AS E2eDigest,
    sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.job.duration') AS BusySeconds,
    sumIf(raw.Count, raw.MetricName = 'livepeer.ai.live.fps') AS FpsCount,
    sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.live.fps') AS FpsSum,
    quantileTDigestWeightedArrayState(if(raw.MetricName = 'livepeer.ai.live.fps', arrayFlatten(arrayMap(i -> arrayMap(j -> 1 * (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i] + (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i + 1] - if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i]) * (j + 0.5) / toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), []), if(raw.MetricName = 'livepeer.ai.live.fps', arrayFlatten(arrayMap(i -> arrayMap(j -> toUInt64(intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * (j + 1), toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))) - intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * j, toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), [])) AS FpsDigest
FROM `naap`.`otel_metrics_histogram_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1
  AND bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Sum) AND raw.Sum >= 0
  AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)
  AND raw.MetricName IN ('livepeer.ai.job.duration', 'livepeer.ai.live.fps')
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_testload_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_1h_local`
AS SELECT toStartOfHour(raw.Timestamp, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    countIf(raw.LogAttributes['naap.outcome'] = 'success') AS JobsSuccess,
    countIf(raw.LogAttributes['naap.outcome'] = 'failure') AS JobsFailure,
    countIf(raw.LogAttributes['naap.outcome'] = 'excused') AS JobsExcused,
    countIf(raw.LogAttributes['naap.error.class'] IN ('capacity', 'no_orchestrator')) AS CapacityRefused,
    countIf((raw.Pipeline IN ('live-video-to-video') OR raw.LogAttributes['naap.job.warm'] = 'false')) AS StartupAttempts,
    countIf((raw.Pipeline IN ('live-video-to-video') OR raw.LogAttributes['naap.job.warm'] = 'false') AND raw.LogAttributes['naap.outcome'] = 'success') AS StartupSuccesses,
    count() AS SwapsObserved,
    countIf(raw.LogAttributes['naap.job.swapped'] = 'true') AS SwapsSwapped,
    countIf(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) AS E2eCount,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])), raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) AS E2eSumMs,
    quantileTDigestWeightedArrayState(if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']))], []), if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0), [toUInt64(1)], [])) AS E2eDigest,
    countIf(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0)) AS PtffCount,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])), raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0)) AS PtffSumMs,
    quantileTDigestWeightedArrayState(if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']))], []), if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0), [toUInt64(1)], [])) AS PtffDigest,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsCount,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsSum,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * (ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) * ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) + assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']))), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsSumSquares,
    quantileTDigestWeightedArrayState(if(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']))], []), if(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0), [toUInt64OrZero(raw.LogAttributes['naap.live.fps.count'])], [])) AS FpsDigest,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])), (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) / 1000 AS BusySeconds
FROM `naap`.`otel_logs_local` AS raw
WHERE raw.EventName = 'naap.testload.job' AND raw.Source = 'testload' AND raw.OrchestratorAddress != ''
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1d_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_1d_local`
AS SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    sum(src.JobsSuccess) AS JobsSuccess,
    sum(src.JobsFailure) AS JobsFailure,
    sum(src.JobsExcused) AS JobsExcused,
    sum(src.CapacityRefused) AS CapacityRefused,
    sum(src.StartupAttempts) AS StartupAttempts,
    sum(src.StartupSuccesses) AS StartupSuccesses,
    sum(src.SwapsObserved) AS SwapsObserved,
    sum(src.SwapsSwapped) AS SwapsSwapped,
    sum(src.E2eCount) AS E2eCount,
    sum(src.E2eSumMs) AS E2eSumMs,
    quantileTDigestWeightedArrayMergeState(src.E2eDigest) AS E2eDigest,
    sum(src.PtffCount) AS PtffCount,
    sum(src.PtffSumMs) AS PtffSumMs,
    quantileTDigestWeightedArrayMergeState(src.PtffDigest) AS PtffDigest,
    sum(src.FpsCount) AS FpsCount,
    sum(src.FpsSum) AS FpsSum,
    sum(src.FpsSumSquares) AS FpsSumSquares,
    quantileTDigestWeightedArrayMergeState(src.FpsDigest) AS FpsDigest,
    sum(src.BusySeconds) AS BusySeconds
FROM `naap`.`naap_sla_inputs_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_streams_1h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    StreamId LowCardinality(String),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FirstAt SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    LastAt SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, Bucket, StreamId)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_streams_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_streams_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_streams_1h_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_streams_1h_histogram_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_streams_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.Attributes['livepeer.stream.id'] AS StreamId,
    sum(raw.Count) AS FpsCount, sum(raw.Sum) AS FpsSum, min(toDateTime64(raw.TimeUnix, 3, 'UTC')) AS FirstAt,
    max(toDateTime64(raw.TimeUnix, 3, 'UTC')) AS LastAt
FROM `naap`.`otel_metrics_histogram_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1 AND bitAnd(raw.Flags, 1) = 0 AND raw.MetricName = 'livepeer.ai.live.fps' AND raw.Attributes['livepeer.stream.id'] != '' AND isFinite(raw.Sum) AND raw.Count > 0
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, StreamId;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_streams_1h_sum_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_streams_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.Attributes['livepeer.stream.id'] AS StreamId,
    sum(raw.Value) AS FpsSumSquares, min(toDateTime64(raw.TimeUnix, 3, 'UTC')) AS FirstAt,
    max(toDateTime64(raw.TimeUnix, 3, 'UTC')) AS LastAt
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1 AND bitAnd(raw.Flags, 1) = 0 AND raw.MetricName = 'livepeer.ai.live.fps.sum_squares' AND raw.Attributes['livepeer.stream.id'] != '' AND isFinite(raw.Value) AND raw.Value >= 0
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, StreamId;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_streams_1h_testload_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_streams_1h_local`
AS SELECT toStartOfHour(raw.Timestamp, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    raw.LogAttributes['naap.job.id'] AS StreamId,
    sum(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count'])) AS FpsCount, sum(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']))) AS FpsSum,
    sum(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * (ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) * ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) + assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])))) AS FpsSumSquares,
    min(toDateTime64(raw.Timestamp, 3, 'UTC')) AS FirstAt,
    max(toDateTime64(raw.Timestamp, 3, 'UTC')) AS LastAt
FROM `naap`.`otel_logs_local` AS raw
WHERE raw.EventName = 'naap.testload.job' AND raw.Source = 'testload' AND raw.OrchestratorAddress != '' AND toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, StreamId;

-- migration 4: per-minute and per-hour heartbeats, probes and fees; GPUs seen per hour
CREATE TABLE IF NOT EXISTS `naap`.`naap_node_1m_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Source LowCardinality(String),
    Region LowCardinality(String),
    HostName LowCardinality(String),
    Heartbeats SimpleAggregateFunction(sum, UInt64),
    IntervalSum SimpleAggregateFunction(sum, Float64),
    IntervalSamples SimpleAggregateFunction(sum, UInt64),
    Probes SimpleAggregateFunction(sum, UInt64),
    ProbeSuccesses SimpleAggregateFunction(sum, UInt64),
    FeesGwei SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toMonday(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Source, Region, HostName)
TTL Bucket + toIntervalDay(90)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_node_1m` ON CLUSTER `naap_cluster` AS `naap`.`naap_node_1m_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_node_1m_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_node_1h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Source LowCardinality(String),
    Region LowCardinality(String),
    HostName LowCardinality(String),
    Heartbeats SimpleAggregateFunction(sum, UInt64),
    IntervalSum SimpleAggregateFunction(sum, Float64),
    IntervalSamples SimpleAggregateFunction(sum, UInt64),
    Probes SimpleAggregateFunction(sum, UInt64),
    ProbeSuccesses SimpleAggregateFunction(sum, UInt64),
    FeesGwei SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Source, Region, HostName)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_node_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_node_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_node_1h_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_node_1m_gauge_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_node_1m_local`
AS SELECT toStartOfMinute(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Source AS Source,
    raw.Region AS Region,
    raw.ResourceAttributes['host.name'] AS HostName,
    countIf(raw.MetricName = 'naap.agent.heartbeat') AS Heartbeats,
    sumIf(raw.Value, raw.MetricName = 'naap.agent.export.interval') AS IntervalSum,
    countIf(raw.MetricName = 'naap.agent.export.interval') AS IntervalSamples
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND bitAnd(raw.Flags, 1) = 0
  AND isFinite(raw.Value) AND raw.Value > 0
  AND raw.MetricName IN ('naap.agent.heartbeat', 'naap.agent.export.interval')
GROUP BY Bucket, OrchestratorAddress, Source, Region, HostName;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_node_1m_sum_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_node_1m_local`
AS SELECT toStartOfMinute(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Source AS Source,
    raw.Region AS Region,
    raw.ResourceAttributes['host.name'] AS HostName,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'naap.probes' AND raw.Attributes['naap.outcome'] IN ('success', 'failure')))) AS Probes,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'naap.probes' AND raw.Attributes['naap.outcome'] = 'success'))) AS ProbeSuccesses,
    sumIf(raw.Value, raw.MetricName = 'livepeer.ticket.value.received') AS FeesGwei
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1 AND bitAnd(raw.Flags, 1) = 0
  AND isFinite(raw.Value) AND raw.Value >= 0
  AND ((raw.MetricName = 'naap.probes' AND raw.Source = 'testload')
    OR (raw.MetricName = 'livepeer.ticket.value.received' AND raw.Source = 'agent'))
GROUP BY Bucket, OrchestratorAddress, Source, Region, HostName;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_node_1h_gauge_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_node_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Source AS Source,
    raw.Region AS Region,
    raw.ResourceAttributes['host.name'] AS HostName,
    countIf(raw.MetricName = 'naap.agent.heartbeat') AS Heartbeats,
    sumIf(raw.Value, raw.MetricName = 'naap.agent.export.interval') AS IntervalSum,
    countIf(raw.MetricName = 'naap.agent.export.interval') AS IntervalSamples
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND bitAnd(raw.Flags, 1) = 0
  AND isFinite(raw.Value) AND raw.Value > 0
  AND raw.MetricName IN ('naap.agent.heartbeat', 'naap.agent.export.interval')
GROUP BY Bucket, OrchestratorAddress, Source, Region, HostName;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_node_1h_sum_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_node_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Source AS Source,
    raw.Region AS Region,
    raw.ResourceAttributes['host.name'] AS HostName,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'naap.probes' AND raw.Attributes['naap.outcome'] IN ('success', 'failure')))) AS Probes,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'naap.probes' AND raw.Attributes['naap.outcome'] = 'success'))) AS ProbeSuccesses,
    sumIf(raw.Value, raw.MetricName = 'livepeer.ticket.value.received') AS FeesGwei
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1 AND bitAnd(raw.Flags, 1) = 0
  AND isFinite(raw.Value) AND raw.Value >= 0
  AND ((raw.MetricName = 'naap.probes' AND raw.Source = 'testload')
    OR (raw.MetricName = 'livepeer.ticket.value.received' AND raw.Source = 'agent'))
GROUP BY Bucket, OrchestratorAddress, Source, Region, HostName;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_1h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Region LowCardinality(String),
    GpuId LowCardinality(String),
    GpuModel LowCardinality(String),
    Samples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, GpuId, GpuModel, Region)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_gpus_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gpus_1h_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_gpus_1h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_gpus_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket, raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Region AS Region, raw.GpuId AS GpuId, raw.Attributes['hw.model'] AS GpuModel,
    count() AS Samples
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.GpuId != ''
  AND raw.MetricName IN ('hw.gpu.memory.limit', 'hw.gpu.utilization')
GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel;

-- migration 5: stored SLA scores, cohorts, touched hours and the scorer watermark
CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_scores_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Source LowCardinality(String),
    Version LowCardinality(String),
    Score Nullable(Float64),
    Reason LowCardinality(String),
    Coverage Float64,
    Reliability Nullable(Float64),
    Quality Nullable(Float64),
    Jobs UInt64,
    Regions Array(LowCardinality(String)),
    Inputs String CODEC(ZSTD(1)),
    Cohort String CODEC(ZSTD(1)),
    Breakdown String CODEC(ZSTD(1)),
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ComputedAt)
PARTITION BY toYYYYMM(Bucket)
ORDER BY (OrchestratorAddress, Pipeline, ModelId, GpuId, Source, Version, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_scores` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_scores_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_scores_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_cohorts_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    Source LowCardinality(String),
    PtffP50 Nullable(Float64),
    PtffP90 Nullable(Float64),
    PtffP10 Nullable(Float64),
    PtffRows UInt64,
    E2eP50 Nullable(Float64),
    E2eP90 Nullable(Float64),
    E2eP10 Nullable(Float64),
    E2eRows UInt64,
    FpsP50 Nullable(Float64),
    FpsP90 Nullable(Float64),
    FpsP10 Nullable(Float64),
    FpsRows UInt64,
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ComputedAt)
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Pipeline, ModelId, Source, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_cohorts` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_cohorts_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_cohorts_local`, cityHash64(Pipeline, ModelId));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_touched_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    TouchedAt DateTime64(3, 'UTC')
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMMDD(TouchedAt)
ORDER BY (TouchedAt, Bucket, OrchestratorAddress)
TTL toDateTime(TouchedAt) + toIntervalDay(7)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_touched` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_touched_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_touched_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_touched_inputs_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_touched_local`
AS SELECT src.Bucket AS Bucket, src.OrchestratorAddress AS OrchestratorAddress, now64(3, 'UTC') AS TouchedAt
FROM `naap`.`naap_sla_inputs_1h_local` AS src

GROUP BY Bucket, OrchestratorAddress;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_touched_node_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_touched_local`
AS SELECT src.Bucket AS Bucket, src.OrchestratorAddress AS OrchestratorAddress, now64(3, 'UTC') AS TouchedAt
FROM `naap`.`naap_node_1h_local` AS src
WHERE src.Source = 'agent' AND src.Heartbeats > 0
GROUP BY Bucket, OrchestratorAddress;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_scorer_state_local` ON CLUSTER `naap_cluster` (
    Name LowCardinality(String),
    Watermark DateTime64(3, 'UTC'),
    UpdatedAt DateTime64(3, 'UTC')
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', UpdatedAt)
ORDER BY Name
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_scorer_state` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_scorer_state_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_scorer_state_local`, cityHash64(Name));

-- migration 6: maintenance windows (excluded from availability and coverage)
CREATE TABLE IF NOT EXISTS `naap`.`naap_maintenance_windows_local` ON CLUSTER `naap_cluster` (
    OrchestratorAddress LowCardinality(String),
    Id String,
    StartsAt DateTime64(3, 'UTC'),
    EndsAt DateTime64(3, 'UTC'),
    Reason String,
    Deleted UInt8,
    UpdatedAt DateTime64(3, 'UTC')
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', UpdatedAt)
ORDER BY (OrchestratorAddress, Id)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS `naap`.`naap_maintenance_windows` ON CLUSTER `naap_cluster` AS `naap`.`naap_maintenance_windows_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_maintenance_windows_local`, cityHash64(OrchestratorAddress));

-- migration 7: orchestrator identity per day and source (URI, agent version, region, hosts, seen)
CREATE TABLE IF NOT EXISTS `naap`.`naap_orchestrator_identity_local` ON CLUSTER `naap_cluster` (
    OrchestratorAddress LowCardinality(String),
    Source LowCardinality(String),
    Day Date32,
    Uri AggregateFunction(argMaxIf, String, DateTime64(9), UInt8),
    Version AggregateFunction(argMaxIf, String, DateTime64(9), UInt8),
    Region AggregateFunction(argMaxIf, String, DateTime64(9), UInt8),
    Hosts AggregateFunction(groupUniqArrayIf(16), String, UInt8),
    FirstSeen SimpleAggregateFunction(min, DateTime64(9)),
    LastSeen SimpleAggregateFunction(max, DateTime64(9)),
    Points SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Day)
ORDER BY (OrchestratorAddress, Source, Day)
TTL toDate(Day) + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_orchestrator_identity` ON CLUSTER `naap_cluster` AS `naap`.`naap_orchestrator_identity_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_orchestrator_identity_local`, cityHash64(OrchestratorAddress));

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_orchestrator_identity_agent_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_orchestrator_identity_local`
AS SELECT raw.OrchestratorAddress AS OrchestratorAddress, raw.Source AS Source,
  toDate32(raw.TimeUnix, 'UTC') AS Day,
  argMaxIfState(raw.ResourceAttributes['livepeer.orchestrator.uri'], raw.TimeUnix, toUInt8(raw.ResourceAttributes['livepeer.orchestrator.uri'] != '')) AS Uri,
  argMaxIfState(raw.ResourceAttributes['service.version'], raw.TimeUnix, toUInt8(raw.ResourceAttributes['service.version'] != '')) AS Version,
  argMaxIfState(raw.Region, raw.TimeUnix, toUInt8(raw.Region != '')) AS Region,
  groupUniqArrayIfState(16)(raw.ResourceAttributes['host.name'], toUInt8(raw.ResourceAttributes['host.name'] != '')) AS Hosts,
  min(raw.TimeUnix) AS FirstSeen, max(raw.TimeUnix) AS LastSeen, toUInt64(count()) AS Points
FROM `naap`.`otel_metrics_gauge_local` AS raw
WHERE raw.MetricName = 'naap.agent.heartbeat' AND raw.OrchestratorAddress != ''
GROUP BY OrchestratorAddress, Source, Day;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_orchestrator_identity_testload_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_orchestrator_identity_local`
AS SELECT raw.OrchestratorAddress AS OrchestratorAddress, raw.Source AS Source,
  toDate32(raw.Timestamp, 'UTC') AS Day,
  argMaxIfState(raw.LogAttributes['livepeer.orchestrator.uri'], raw.Timestamp, toUInt8(raw.LogAttributes['livepeer.orchestrator.uri'] != '')) AS Uri,
  argMaxIfState('', raw.Timestamp, toUInt8(0)) AS Version,
  argMaxIfState('', raw.Timestamp, toUInt8(0)) AS Region,
  groupUniqArrayIfState(16)('', toUInt8(0)) AS Hosts,
  min(raw.Timestamp) AS FirstSeen, max(raw.Timestamp) AS LastSeen, toUInt64(count()) AS Points
FROM `naap`.`otel_logs_local` AS raw
WHERE raw.EventName = 'naap.testload.job' AND raw.OrchestratorAddress != ''
GROUP BY OrchestratorAddress, Source, Day;

-- migration 9: stored bearer tokens (naap_tokens): enrollment, tokens CLI, admin API
CREATE TABLE IF NOT EXISTS `naap`.`naap_tokens_local` ON CLUSTER `naap_cluster` (
    id String,
    version UInt64,
    hash String,
    kind LowCardinality(String),
    address String DEFAULT '',
    name String,
    origin LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    revoked_at Nullable(DateTime64(3, 'UTC'))
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', version)
ORDER BY id
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS `naap`.`naap_tokens` ON CLUSTER `naap_cluster` AS `naap`.`naap_tokens_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_tokens_local`, cityHash64(id));

-- migration 10: SLA inputs per 6 hours, cascaded from the hourly inputs (filled from them once)
CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_6h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileTDigestWeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_6h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_6h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_6h_local`, cityHash64(OrchestratorAddress));

INSERT INTO `naap`.`naap_sla_inputs_6h`
SELECT * FROM (
SELECT toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    sum(src.JobsSuccess) AS JobsSuccess,
    sum(src.JobsFailure) AS JobsFailure,
    sum(src.JobsExcused) AS JobsExcused,
    sum(src.CapacityRefused) AS CapacityRefused,
    sum(src.StartupAttempts) AS StartupAttempts,
    sum(src.StartupSuccesses) AS StartupSuccesses,
    sum(src.SwapsObserved) AS SwapsObserved,
    sum(src.SwapsSwapped) AS SwapsSwapped,
    sum(src.E2eCount) AS E2eCount,
    sum(src.E2eSumMs) AS E2eSumMs,
    quantileTDigestWeightedArrayMergeState(src.E2eDigest) AS E2eDigest,
    sum(src.PtffCount) AS PtffCount,
    sum(src.PtffSumMs) AS PtffSumMs,
    quantileTDigestWeightedArrayMergeState(src.PtffDigest) AS PtffDigest,
    sum(src.FpsCount) AS FpsCount,
    sum(src.FpsSum) AS FpsSum,
    sum(src.FpsSumSquares) AS FpsSumSquares,
    quantileTDigestWeightedArrayMergeState(src.FpsDigest) AS FpsDigest,
    sum(src.BusySeconds) AS BusySeconds
FROM `naap`.`naap_sla_inputs_1h` AS src
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source
)
WHERE (SELECT count() FROM `naap`.`naap_sla_inputs_6h`) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_6h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_6h_local`
AS SELECT toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    sum(src.JobsSuccess) AS JobsSuccess,
    sum(src.JobsFailure) AS JobsFailure,
    sum(src.JobsExcused) AS JobsExcused,
    sum(src.CapacityRefused) AS CapacityRefused,
    sum(src.StartupAttempts) AS StartupAttempts,
    sum(src.StartupSuccesses) AS StartupSuccesses,
    sum(src.SwapsObserved) AS SwapsObserved,
    sum(src.SwapsSwapped) AS SwapsSwapped,
    sum(src.E2eCount) AS E2eCount,
    sum(src.E2eSumMs) AS E2eSumMs,
    quantileTDigestWeightedArrayMergeState(src.E2eDigest) AS E2eDigest,
    sum(src.PtffCount) AS PtffCount,
    sum(src.PtffSumMs) AS PtffSumMs,
    quantileTDigestWeightedArrayMergeState(src.PtffDigest) AS PtffDigest,
    sum(src.FpsCount) AS FpsCount,
    sum(src.FpsSum) AS FpsSum,
    sum(src.FpsSumSquares) AS FpsSumSquares,
    quantileTDigestWeightedArrayMergeState(src.FpsDigest) AS FpsDigest,
    sum(src.BusySeconds) AS BusySeconds
FROM `naap`.`naap_sla_inputs_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

-- migration 11: GPUs seen per day with their hours, cascaded from the hourly GPU table (filled from it once)
CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_1d_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Region LowCardinality(String),
    GpuId LowCardinality(String),
    GpuModel LowCardinality(String),
    Hours AggregateFunction(uniqExact, DateTime('UTC')),
    Samples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Region, GpuId, GpuModel)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_1d` ON CLUSTER `naap_cluster` AS `naap`.`naap_gpus_1d_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gpus_1d_local`, cityHash64(OrchestratorAddress));

INSERT INTO `naap`.`naap_gpus_1d`
SELECT * FROM (
SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Region AS Region, src.GpuId AS GpuId, src.GpuModel AS GpuModel,
    uniqExactState(src.Bucket) AS Hours, sum(src.Samples) AS Samples
FROM `naap`.`naap_gpus_1h` AS src
GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel
)
WHERE (SELECT count() FROM `naap`.`naap_gpus_1d`) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_gpus_1d_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_gpus_1d_local`
AS SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Region AS Region, src.GpuId AS GpuId, src.GpuModel AS GpuModel,
    uniqExactState(src.Bucket) AS Hours, sum(src.Samples) AS Samples
FROM `naap`.`naap_gpus_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel;

-- migration 12: SLA input tables with bfloat16 quantile states (filled from the t-digest tables once), views moved onto them
CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_1h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_1h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_v2_1h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_v2_1h_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_1d_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source, Bucket)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_1d` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_v2_1d_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_v2_1d_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_6h_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_6h` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_v2_6h_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_v2_6h_local`, cityHash64(OrchestratorAddress));

DROP VIEW IF EXISTS `naap`.`naap_sla_inputs_1h_sum_mv` ON CLUSTER `naap_cluster`;

DROP VIEW IF EXISTS `naap`.`naap_sla_inputs_1h_histogram_mv` ON CLUSTER `naap_cluster`;

DROP VIEW IF EXISTS `naap`.`naap_sla_inputs_1h_testload_mv` ON CLUSTER `naap_cluster`;

DROP VIEW IF EXISTS `naap`.`naap_sla_inputs_1d_mv` ON CLUSTER `naap_cluster`;

DROP VIEW IF EXISTS `naap`.`naap_sla_inputs_6h_mv` ON CLUSTER `naap_cluster`;

DROP VIEW IF EXISTS `naap`.`naap_sla_touched_inputs_mv` ON CLUSTER `naap_cluster`;

INSERT INTO `naap`.`naap_sla_inputs_v2_1h`
SELECT * FROM (
SELECT src.Bucket AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    src.JobsSuccess AS JobsSuccess,
    src.JobsFailure AS JobsFailure,
    src.JobsExcused AS JobsExcused,
    src.CapacityRefused AS CapacityRefused,
    src.StartupAttempts AS StartupAttempts,
    src.StartupSuccesses AS StartupSuccesses,
    src.SwapsObserved AS SwapsObserved,
    src.SwapsSwapped AS SwapsSwapped,
    src.E2eCount AS E2eCount,
    src.E2eSumMs AS E2eSumMs,
    initializeAggregation('quantileBFloat16WeightedArrayState',
      arrayFilter((v, w) -> w > 0 AND isFinite(v), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.E2eDigest])), arrayMap(i -> toUInt64(intDiv(src.E2eCount * i, 100) - intDiv(src.E2eCount * (i - 1), 100)), range(1, 101))),
      arrayFilter((w, v) -> w > 0 AND isFinite(v), arrayMap(i -> toUInt64(intDiv(src.E2eCount * i, 100) - intDiv(src.E2eCount * (i - 1), 100)), range(1, 101)), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.E2eDigest])))) AS E2eDigest,
    src.PtffCount AS PtffCount,
    src.PtffSumMs AS PtffSumMs,
    initializeAggregation('quantileBFloat16WeightedArrayState',
      arrayFilter((v, w) -> w > 0 AND isFinite(v), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.PtffDigest])), arrayMap(i -> toUInt64(intDiv(src.PtffCount * i, 100) - intDiv(src.PtffCount * (i - 1), 100)), range(1, 101))),
      arrayFilter((w, v) -> w > 0 AND isFinite(v), arrayMap(i -> toUInt64(intDiv(src.PtffCount * i, 100) - intDiv(src.PtffCount * (i - 1), 100)), range(1, 101)), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.PtffDigest])))) AS PtffDigest,
    src.FpsCount AS FpsCount,
    src.FpsSum AS FpsSum,
    src.FpsSumSquares AS FpsSumSquares,
    initializeAggregation('quantileBFloat16WeightedArrayState',
      arrayFilter((v, w) -> w > 0 AND isFinite(v), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.FpsDigest])), arrayMap(i -> toUInt64(intDiv(src.FpsCount * i, 100) - intDiv(src.FpsCount * (i - 1), 100)), range(1, 101))),
      arrayFilter((w, v) -> w > 0 AND isFinite(v), arrayMap(i -> toUInt64(intDiv(src.FpsCount * i, 100) - intDiv(src.FpsCount * (i - 1), 100)), range(1, 101)), arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(0.005, 0.015, 0.025, 0.035, 0.045, 0.055, 0.065, 0.075, 0.085, 0.095, 0.105, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.225, 0.235, 0.245, 0.255, 0.265, 0.275, 0.285, 0.295, 0.305, 0.315, 0.325, 0.335, 0.345, 0.355, 0.365, 0.375, 0.385, 0.395, 0.405, 0.415, 0.425, 0.435, 0.445, 0.455, 0.465, 0.475, 0.485, 0.495, 0.505, 0.515, 0.525, 0.535, 0.545, 0.555, 0.565, 0.575, 0.585, 0.595, 0.605, 0.615, 0.625, 0.635, 0.645, 0.655, 0.665, 0.675, 0.685, 0.695, 0.705, 0.715, 0.725, 0.735, 0.745, 0.755, 0.765, 0.775, 0.785, 0.795, 0.805, 0.815, 0.825, 0.835, 0.845, 0.855, 0.865, 0.875, 0.885, 0.895, 0.905, 0.915, 0.925, 0.935, 0.945, 0.955, 0.965, 0.975, 0.985, 0.995)', [src.FpsDigest])))) AS FpsDigest,
    src.BusySeconds AS BusySeconds
FROM `naap`.`naap_sla_inputs_1h` AS src
)
WHERE (SELECT count() FROM `naap`.`naap_sla_inputs_v2_1h`) = 0
SETTINGS max_threads = 1, max_insert_threads = 1, max_block_size = 8192, min_insert_block_size_rows = 8192, min_insert_block_size_bytes = 0;

INSERT INTO `naap`.`naap_sla_inputs_v2_6h`
SELECT * FROM (
SELECT toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source, src.JobsSuccess AS JobsSuccess, src.JobsFailure AS JobsFailure, src.JobsExcused AS JobsExcused, src.CapacityRefused AS CapacityRefused, src.StartupAttempts AS StartupAttempts, src.StartupSuccesses AS StartupSuccesses, src.SwapsObserved AS SwapsObserved, src.SwapsSwapped AS SwapsSwapped, src.E2eCount AS E2eCount, src.E2eSumMs AS E2eSumMs, src.E2eDigest AS E2eDigest, src.PtffCount AS PtffCount, src.PtffSumMs AS PtffSumMs, src.PtffDigest AS PtffDigest, src.FpsCount AS FpsCount, src.FpsSum AS FpsSum, src.FpsSumSquares AS FpsSumSquares, src.FpsDigest AS FpsDigest, src.BusySeconds AS BusySeconds
FROM `naap`.`naap_sla_inputs_v2_1h` AS src
)
WHERE (SELECT count() FROM `naap`.`naap_sla_inputs_v2_6h`) = 0
SETTINGS max_threads = 1, max_insert_threads = 1, max_block_size = 8192, min_insert_block_size_rows = 8192, min_insert_block_size_bytes = 0;

INSERT INTO `naap`.`naap_sla_inputs_v2_1d`
SELECT * FROM (
SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source, src.JobsSuccess AS JobsSuccess, src.JobsFailure AS JobsFailure, src.JobsExcused AS JobsExcused, src.CapacityRefused AS CapacityRefused, src.StartupAttempts AS StartupAttempts, src.StartupSuccesses AS StartupSuccesses, src.SwapsObserved AS SwapsObserved, src.SwapsSwapped AS SwapsSwapped, src.E2eCount AS E2eCount, src.E2eSumMs AS E2eSumMs, src.E2eDigest AS E2eDigest, src.PtffCount AS PtffCount, src.PtffSumMs AS PtffSumMs, src.PtffDigest AS PtffDigest, src.FpsCount AS FpsCount, src.FpsSum AS FpsSum, src.FpsSumSquares AS FpsSumSquares, src.FpsDigest AS FpsDigest, src.BusySeconds AS BusySeconds
FROM `naap`.`naap_sla_inputs_v2_1h` AS src
)
WHERE (SELECT count() FROM `naap`.`naap_sla_inputs_v2_1d`) = 0
SETTINGS max_threads = 1, max_insert_threads = 1, max_block_size = 8192, min_insert_block_size_rows = 8192, min_insert_block_size_bytes = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_sum_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_v2_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'success'))) AS JobsSuccess,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'failure'))) AS JobsFailure,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.outcome'] = 'excused'))) AS JobsExcused,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND raw.Attributes['naap.error.class'] IN ('capacity', 'no_orchestrator')))) AS CapacityRefused,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND (raw.Pipeline IN ('live-video-to-video') OR raw.Attributes['naap.job.warm'] = 'false')))) AS StartupAttempts,
    toUInt64(round(sumIf(raw.Value, raw.MetricName = 'livepeer.ai.jobs' AND (raw.Pipeline IN ('live-video-to-video') OR raw.Attributes['naap.job.warm'] = 'false') AND raw.Attributes['naap.outcome'] = 'success'))) AS StartupSuccesses,
    sumIf(raw.Value, raw.MetricName = 'livepeer.ai.live.fps.sum_squares') AS FpsSumSquares
FROM `naap`.`otel_metrics_sum_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1
  AND bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Value) AND raw.Value >= 0
  AND raw.MetricName IN ('livepeer.ai.jobs', 'livepeer.ai.live.fps.sum_squares')
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_histogram_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_v2_1h_local`
AS SELECT toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    sumIf(raw.Count, raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', '')) AS E2eCount,
    1000 * sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', '')) AS E2eSumMs,
    quantileBFloat16WeightedArrayState(if(raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', ''), arrayFlatten(arrayMap(i -> arrayMap(j -> 1000 * (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i] + (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i + 1] - if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i]) * (j + 0.5) / toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), []), if(raw.MetricName = 'livepeer.ai.job.duration' AND raw.Attributes['naap.outcome'] IN ('success', ''), arrayFlatten(arrayMap(i -> arrayMap(j -> toUInt64(intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * (j + 1), toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))) - intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * j, toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), [])) AS E2eDigest,
    sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.job.duration') AS BusySeconds,
    sumIf(raw.Count, raw.MetricName = 'livepeer.ai.live.fps') AS FpsCount,
    sumIf(raw.Sum, raw.MetricName = 'livepeer.ai.live.fps') AS FpsSum,
    quantileBFloat16WeightedArrayState(if(raw.MetricName = 'livepeer.ai.live.fps', arrayFlatten(arrayMap(i -> arrayMap(j -> 1 * (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i] + (if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i + 1] - if(empty(raw.ExplicitBounds), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([if(raw.Count > 0 AND raw.Min < raw.ExplicitBounds[1], raw.Min, if(raw.ExplicitBounds[1] > 0, 0, raw.ExplicitBounds[1]))], raw.ExplicitBounds, [if(raw.Count > 0 AND raw.Max > raw.ExplicitBounds[-1], raw.Max, raw.ExplicitBounds[-1])]))[i]) * (j + 0.5) / toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), []), if(raw.MetricName = 'livepeer.ai.live.fps', arrayFlatten(arrayMap(i -> arrayMap(j -> toUInt64(intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * (j + 1), toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8))) - intDiv(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i] * j, toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), range(toUInt64(least(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)[i], 8)))), arrayEnumerate(if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)))), [])) AS FpsDigest
FROM `naap`.`otel_metrics_histogram_local` AS raw
WHERE raw.Source = 'agent' AND raw.OrchestratorAddress != '' AND raw.AggregationTemporality = 1
  AND bitAnd(raw.Flags, 1) = 0 AND isFinite(raw.Sum) AND raw.Sum >= 0
  AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)
  AND raw.MetricName IN ('livepeer.ai.job.duration', 'livepeer.ai.live.fps')
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1h_testload_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_v2_1h_local`
AS SELECT toStartOfHour(raw.Timestamp, 'UTC') AS Bucket,
    raw.OrchestratorAddress AS OrchestratorAddress,
    raw.Pipeline AS Pipeline,
    raw.ModelId AS ModelId,
    raw.GpuId AS GpuId,
    raw.Region AS Region,
    raw.Source AS Source,
    countIf(raw.LogAttributes['naap.outcome'] = 'success') AS JobsSuccess,
    countIf(raw.LogAttributes['naap.outcome'] = 'failure') AS JobsFailure,
    countIf(raw.LogAttributes['naap.outcome'] = 'excused') AS JobsExcused,
    countIf(raw.LogAttributes['naap.error.class'] IN ('capacity', 'no_orchestrator')) AS CapacityRefused,
    countIf((raw.Pipeline IN ('live-video-to-video') OR raw.LogAttributes['naap.job.warm'] = 'false')) AS StartupAttempts,
    countIf((raw.Pipeline IN ('live-video-to-video') OR raw.LogAttributes['naap.job.warm'] = 'false') AND raw.LogAttributes['naap.outcome'] = 'success') AS StartupSuccesses,
    count() AS SwapsObserved,
    countIf(raw.LogAttributes['naap.job.swapped'] = 'true') AS SwapsSwapped,
    countIf(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) AS E2eCount,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])), raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) AS E2eSumMs,
    quantileBFloat16WeightedArrayState(if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']))], []), if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0), [toUInt64(1)], [])) AS E2eDigest,
    countIf(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0)) AS PtffCount,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])), raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0)) AS PtffSumMs,
    quantileBFloat16WeightedArrayState(if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']))], []), if(raw.LogAttributes['naap.outcome'] = 'success' AND raw.LogAttributes['naap.job.expected_rejection'] != 'true' AND (toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.ptff_ms']) >= 0), [toUInt64(1)], [])) AS PtffDigest,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsCount,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsSum,
    sumIf(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) * (ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) * ifNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.stddev']), 0) + assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) * assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']))), toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0)) AS FpsSumSquares,
    quantileBFloat16WeightedArrayState(if(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0), [assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']))], []), if(toUInt64OrZero(raw.LogAttributes['naap.live.fps.count']) > 0 AND (toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean'])) AND toFloat64OrNull(raw.LogAttributes['naap.live.fps.mean']) >= 0), [toUInt64OrZero(raw.LogAttributes['naap.live.fps.count'])], [])) AS FpsDigest,
    sumIf(assumeNotNull(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])), (toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) IS NOT NULL AND isFinite(toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms'])) AND toFloat64OrNull(raw.LogAttributes['naap.job.latency_ms']) >= 0)) / 1000 AS BusySeconds
FROM `naap`.`otel_logs_local` AS raw
WHERE raw.EventName = 'naap.testload.job' AND raw.Source = 'testload' AND raw.OrchestratorAddress != ''
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_1d_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_v2_1d_local`
AS SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    sum(src.JobsSuccess) AS JobsSuccess,
    sum(src.JobsFailure) AS JobsFailure,
    sum(src.JobsExcused) AS JobsExcused,
    sum(src.CapacityRefused) AS CapacityRefused,
    sum(src.StartupAttempts) AS StartupAttempts,
    sum(src.StartupSuccesses) AS StartupSuccesses,
    sum(src.SwapsObserved) AS SwapsObserved,
    sum(src.SwapsSwapped) AS SwapsSwapped,
    sum(src.E2eCount) AS E2eCount,
    sum(src.E2eSumMs) AS E2eSumMs,
    quantileBFloat16WeightedArrayMergeState(src.E2eDigest) AS E2eDigest,
    sum(src.PtffCount) AS PtffCount,
    sum(src.PtffSumMs) AS PtffSumMs,
    quantileBFloat16WeightedArrayMergeState(src.PtffDigest) AS PtffDigest,
    sum(src.FpsCount) AS FpsCount,
    sum(src.FpsSum) AS FpsSum,
    sum(src.FpsSumSquares) AS FpsSumSquares,
    quantileBFloat16WeightedArrayMergeState(src.FpsDigest) AS FpsDigest,
    sum(src.BusySeconds) AS BusySeconds
FROM `naap`.`naap_sla_inputs_v2_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_inputs_6h_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_inputs_v2_6h_local`
AS SELECT toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Pipeline AS Pipeline, src.ModelId AS ModelId, src.GpuId AS GpuId, src.Region AS Region, src.Source AS Source,
    sum(src.JobsSuccess) AS JobsSuccess,
    sum(src.JobsFailure) AS JobsFailure,
    sum(src.JobsExcused) AS JobsExcused,
    sum(src.CapacityRefused) AS CapacityRefused,
    sum(src.StartupAttempts) AS StartupAttempts,
    sum(src.StartupSuccesses) AS StartupSuccesses,
    sum(src.SwapsObserved) AS SwapsObserved,
    sum(src.SwapsSwapped) AS SwapsSwapped,
    sum(src.E2eCount) AS E2eCount,
    sum(src.E2eSumMs) AS E2eSumMs,
    quantileBFloat16WeightedArrayMergeState(src.E2eDigest) AS E2eDigest,
    sum(src.PtffCount) AS PtffCount,
    sum(src.PtffSumMs) AS PtffSumMs,
    quantileBFloat16WeightedArrayMergeState(src.PtffDigest) AS PtffDigest,
    sum(src.FpsCount) AS FpsCount,
    sum(src.FpsSum) AS FpsSum,
    sum(src.FpsSumSquares) AS FpsSumSquares,
    quantileBFloat16WeightedArrayMergeState(src.FpsDigest) AS FpsDigest,
    sum(src.BusySeconds) AS BusySeconds
FROM `naap`.`naap_sla_inputs_v2_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Region, Source;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_sla_touched_inputs_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_sla_touched_local`
AS SELECT src.Bucket AS Bucket, src.OrchestratorAddress AS OrchestratorAddress, now64(3, 'UTC') AS TouchedAt
FROM `naap`.`naap_sla_inputs_v2_1h_local` AS src

GROUP BY Bucket, OrchestratorAddress;

-- migration 13: drop the SLA input tables with t-digest states (replaced by migration 12)
DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_1h` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_1h_local` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_6h` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_6h_local` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_1d` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_sla_inputs_1d_local` ON CLUSTER `naap_cluster`;

-- migration 14: GPUs seen per day with their hours as a bitmask, cascaded from the hourly GPU table (filled from it once), the view moved onto it
CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_v2_1d_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Region LowCardinality(String),
    GpuId LowCardinality(String),
    GpuModel LowCardinality(String),
    Hours SimpleAggregateFunction(groupBitOr, UInt32),
    Samples SimpleAggregateFunction(sum, UInt64)
) ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(Bucket)
ORDER BY (Bucket, OrchestratorAddress, Region, GpuId, GpuModel)
TTL Bucket + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_v2_1d` ON CLUSTER `naap_cluster` AS `naap`.`naap_gpus_v2_1d_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gpus_v2_1d_local`, cityHash64(OrchestratorAddress));

DROP VIEW IF EXISTS `naap`.`naap_gpus_1d_mv` ON CLUSTER `naap_cluster`;

INSERT INTO `naap`.`naap_gpus_v2_1d`
SELECT * FROM (
SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Region AS Region, src.GpuId AS GpuId, src.GpuModel AS GpuModel,
    groupBitOr(bitShiftLeft(toUInt32(1), toHour(src.Bucket, 'UTC'))) AS Hours, sum(src.Samples) AS Samples
FROM `naap`.`naap_gpus_1h` AS src
GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel
)
WHERE (SELECT count() FROM `naap`.`naap_gpus_v2_1d`) = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`naap_gpus_1d_mv` ON CLUSTER `naap_cluster`
TO `naap`.`naap_gpus_v2_1d_local`
AS SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,
    src.OrchestratorAddress AS OrchestratorAddress, src.Region AS Region, src.GpuId AS GpuId, src.GpuModel AS GpuModel,
    groupBitOr(bitShiftLeft(toUInt32(1), toHour(src.Bucket, 'UTC'))) AS Hours, sum(src.Samples) AS Samples
FROM `naap`.`naap_gpus_1h_local` AS src
GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel;

-- migration 15: drop the daily GPU table with hour sets (replaced by migration 14)
DROP TABLE IF EXISTS `naap`.`naap_gpus_1d` ON CLUSTER `naap_cluster`;

DROP TABLE IF EXISTS `naap`.`naap_gpus_1d_local` ON CLUSTER `naap_cluster`;

-- migration 16: SLA inputs of whole rolling windows (24 h, 7 d, 30 d), merged by the scorer, with a table of complete spans
CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_span_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    OrchestratorAddress LowCardinality(String),
    Pipeline LowCardinality(String),
    ModelId LowCardinality(String),
    GpuId LowCardinality(String),
    Region LowCardinality(String),
    Source LowCardinality(String),
    JobsSuccess SimpleAggregateFunction(sum, UInt64),
    JobsFailure SimpleAggregateFunction(sum, UInt64),
    JobsExcused SimpleAggregateFunction(sum, UInt64),
    CapacityRefused SimpleAggregateFunction(sum, UInt64),
    StartupAttempts SimpleAggregateFunction(sum, UInt64),
    StartupSuccesses SimpleAggregateFunction(sum, UInt64),
    SwapsObserved SimpleAggregateFunction(sum, UInt64),
    SwapsSwapped SimpleAggregateFunction(sum, UInt64),
    E2eCount SimpleAggregateFunction(sum, UInt64),
    E2eSumMs SimpleAggregateFunction(sum, Float64),
    E2eDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    PtffCount SimpleAggregateFunction(sum, UInt64),
    PtffSumMs SimpleAggregateFunction(sum, Float64),
    PtffDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    FpsCount SimpleAggregateFunction(sum, UInt64),
    FpsSum SimpleAggregateFunction(sum, Float64),
    FpsSumSquares SimpleAggregateFunction(sum, Float64),
    FpsDigest AggregateFunction(quantileBFloat16WeightedArray, Array(Float64), Array(UInt64)),
    BusySeconds SimpleAggregateFunction(sum, Float64),
    SpanEnd DateTime('UTC'),
    Generation UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toStartOfHour(SpanEnd)
ORDER BY (SpanEnd, Bucket, Generation, OrchestratorAddress)
TTL SpanEnd + toIntervalHour(6)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, merge_with_ttl_timeout = 3600;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_inputs_v2_span` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_inputs_v2_span_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_inputs_v2_span_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_node_span_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    SpanEnd DateTime('UTC'),
    Generation UInt64,
    Lookback UInt8,
    OrchestratorAddress LowCardinality(String),
    HostName LowCardinality(String),
    Source LowCardinality(String),
    Heartbeats UInt64,
    LiveSeconds Float64,
    IntervalSum Float64,
    IntervalSamples UInt64,
    Probes UInt64,
    ProbeSuccesses UInt64,
    FeesGwei Float64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toStartOfHour(SpanEnd)
ORDER BY (SpanEnd, Bucket, Generation, OrchestratorAddress)
TTL SpanEnd + toIntervalHour(6)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, merge_with_ttl_timeout = 3600;

CREATE TABLE IF NOT EXISTS `naap`.`naap_node_span` ON CLUSTER `naap_cluster` AS `naap`.`naap_node_span_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_node_span_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_span_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    SpanEnd DateTime('UTC'),
    Generation UInt64,
    OrchestratorAddress LowCardinality(String),
    GpuId LowCardinality(String),
    GpuModel LowCardinality(String),
    Hours UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toStartOfHour(SpanEnd)
ORDER BY (SpanEnd, Bucket, Generation, OrchestratorAddress)
TTL SpanEnd + toIntervalHour(6)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, merge_with_ttl_timeout = 3600;

CREATE TABLE IF NOT EXISTS `naap`.`naap_gpus_span` ON CLUSTER `naap_cluster` AS `naap`.`naap_gpus_span_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_gpus_span_local`, cityHash64(OrchestratorAddress));

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_input_spans_local` ON CLUSTER `naap_cluster` (
    Bucket DateTime('UTC'),
    SpanEnd DateTime('UTC'),
    Generation UInt64,
    Rows UInt64
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', Generation)
PARTITION BY toStartOfHour(SpanEnd)
ORDER BY (Bucket, SpanEnd)
TTL SpanEnd + toIntervalHour(3)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, merge_with_ttl_timeout = 3600;

CREATE TABLE IF NOT EXISTS `naap`.`naap_sla_input_spans` ON CLUSTER `naap_cluster` AS `naap`.`naap_sla_input_spans_local`
ENGINE = Distributed(`naap_cluster`, `naap`, `naap_sla_input_spans_local`, rand());

