/**
 * CSV columns of a list item, read from its JSON schema: nested objects
 * (also nullable ones) become dotted columns, everything else one column, in
 * schema order. Lists answer with the same header whether empty or not.
 */
interface JsonSchema {
  readonly type?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly anyOf?: readonly JsonSchema[];
}

function objectOf(s: JsonSchema): JsonSchema | undefined {
  if (s.properties !== undefined && (s.type === 'object' || s.type === undefined)) return s;
  return s.anyOf?.find((x) => x.properties !== undefined);
}

export function csvColumns(schema: unknown, prefix = ''): string[] {
  const obj = objectOf(schema as JsonSchema);
  if (obj?.properties === undefined || Object.keys(obj.properties).length === 0)
    return prefix === '' ? [] : [prefix];
  return Object.entries(obj.properties).flatMap(([k, v]) =>
    csvColumns(v, prefix === '' ? k : `${prefix}.${k}`),
  );
}
