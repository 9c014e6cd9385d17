/** A stored JSON value in an audit record, shown compactly: null as a dash, strings as they are, the rest as JSON. */
export function JsonValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'string') return <span className="json-value json-value--string">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span className="json-value json-value--scalar">{String(value)}</span>;
  return <code className="json-value json-value--object">{JSON.stringify(value)}</code>;
}

export function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}
