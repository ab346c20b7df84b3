import { metricDef, type MetricName } from '@naap/otel';
import type {
  Counter,
  Histogram,
  Meter,
  ObservableCounter,
  ObservableGauge,
} from '@opentelemetry/api';

function def(name: MetricName) {
  const d = metricDef(name);
  if (d === undefined) throw new RangeError(`metric ${name} is not in the telemetry contract`);
  return d;
}

/** Instruments named, typed and unit-ed by the telemetry contract. */
export function observableGauge(meter: Meter, name: MetricName): ObservableGauge {
  const d = def(name);
  return meter.createObservableGauge(d.name, { unit: d.unit, description: d.description });
}

export function observableCounter(meter: Meter, name: MetricName): ObservableCounter {
  const d = def(name);
  return meter.createObservableCounter(d.name, { unit: d.unit, description: d.description });
}

export function counter(meter: Meter, name: MetricName): Counter {
  const d = def(name);
  return meter.createCounter(d.name, { unit: d.unit, description: d.description });
}

export function histogram(meter: Meter, name: MetricName, boundaries?: number[]): Histogram {
  const d = def(name);
  return meter.createHistogram(d.name, {
    unit: d.unit,
    description: d.description,
    ...(boundaries ? { advice: { explicitBucketBoundaries: boundaries } } : {}),
  });
}
