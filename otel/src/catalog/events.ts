/**
 * Event names of OTLP log records the product exchanges. A log record's
 * `event_name` (OTLP ≥ 1.5; older producers put it in the `event.name`
 * attribute) says what the record is.
 */
export const EVENT = {
  /** One test-load job, with the attributes of `TestloadJobRecord`. */
  testloadJob: 'naap.testload.job',
} as const;

export type EventName = (typeof EVENT)[keyof typeof EVENT];

/** Attribute that carries the event name for producers without `event_name`. */
export const EVENT_NAME_ATTRIBUTE = 'event.name';
