import type { Metric, MetricsRequest, ResourceMetrics } from '../../otlp/model.js';
import type { IngestLimitOptions } from './options.js';
import { attributeReason, Refusals, seriesReason } from './refusals.js';
import { beginRequest, OK, scan, scanAttributes, scanName, seriesKey } from './scan.js';
import type { SeriesBudget } from './series-budget.js';

type Point = Metric['points'][number];
type Scope = ResourceMetrics['scopeMetrics'][number];

/** Points of a resource, an empty metric counting as one (as the row mapper counts them). */
function pointsOf(rm: ResourceMetrics): number {
  let n = 0;
  for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += Math.max(1, m.points.length);
  return n;
}

function scopePoints(sm: Scope): number {
  let n = 0;
  for (const m of sm.metrics) n += Math.max(1, m.points.length);
  return n;
}

/** The request without the refused resources, scopes and points. */
function without(
  request: MetricsRequest,
  resources: ReadonlySet<ResourceMetrics | Scope>,
  points: ReadonlySet<Point>,
): MetricsRequest {
  const keep = <M extends Metric>(m: M): M => ({
    ...m,
    points: m.points.filter((p) => !points.has(p)),
  });
  return {
    resourceMetrics: request.resourceMetrics
      .filter((rm) => !resources.has(rm))
      .map((rm) => ({
        ...rm,
        scopeMetrics: rm.scopeMetrics
          .filter((sm) => !resources.has(sm))
          .map((sm) => ({ ...sm, metrics: sm.metrics.map(keep) })),
      })),
  };
}

/**
 * Applies the attribute limits and the token's series budget to a metrics
 * request: refused points are left out and counted. A series is its
 * resource's attributes, the metric name and the point's attributes. The
 * request comes back as it is when nothing was refused.
 */
export function limitMetrics(
  request: MetricsRequest,
  o: IngestLimitOptions,
  budget: SeriesBudget | null,
): { request: MetricsRequest; refusals: Refusals } {
  beginRequest();
  const refusals = new Refusals();
  const badResources = new Set<ResourceMetrics | Scope>();
  const badPoints = new Set<Point>();
  for (const rm of request.resourceMetrics) {
    const r = scanAttributes(rm.resource.attributes, o.maxAttributes, o.maxAttributeLength);
    if (r !== OK) {
      badResources.add(rm);
      refusals.add(pointsOf(rm), attributeReason('a resource', r, o));
      continue;
    }
    const resLo = scan.lo;
    const resHi = scan.hi;
    for (const sm of rm.scopeMetrics) {
      const sr = scanAttributes(sm.scope.attributes, o.maxAttributes, o.maxAttributeLength);
      if (sr !== OK) {
        badResources.add(sm);
        refusals.add(scopePoints(sm), attributeReason('an instrumentation scope', sr, o));
        continue;
      }
      for (const m of sm.metrics) {
        scanName(m.name, resLo, resHi);
        const nameLo = scan.lo;
        const nameHi = scan.hi;
        for (const p of m.points) {
          const pr = scanAttributes(p.attributes, o.maxAttributes, o.maxAttributeLength);
          if (pr !== OK) {
            badPoints.add(p);
            refusals.add(1, attributeReason('a point', pr, o));
          } else if (
            budget !== null &&
            !budget.admit(seriesKey(nameLo, nameHi, scan.lo, scan.hi))
          ) {
            badPoints.add(p);
            refusals.add(1, seriesReason(o));
          }
        }
      }
    }
  }
  if (refusals.count === 0) return { request, refusals };
  return { request: without(request, badResources, badPoints), refusals };
}
