/**
 * A self-contained API reference rendered from the OpenAPI document. No CDN: bank networks often
 * cannot reach one, and the docs must work on an air-gapped install.
 */
type Json = Record<string, any>;

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  if (schema?.$ref) return doc.components?.schemas?.[schema.$ref.split('/').pop()];
  return schema;
}

function schemaSketch(doc: Json, schema: Json | undefined, depth = 0): string {
  const s = resolve(doc, schema);
  if (!s) return '';
  if (depth > 4) return '…';
  const name = schema?.$ref ? `<span class="ref">${esc(schema.$ref.split('/').pop())}</span> ` : '';
  if (s.type === 'object' && s.properties) {
    const required = new Set(s.required ?? []);
    const rows = Object.entries<Json>(s.properties)
      .map(([k, v]) => `<li><code>${esc(k)}</code>${required.has(k) ? '' : '?'}: ${schemaSketch(doc, v, depth + 1)}${v.description ? ` <em>${esc(v.description)}</em>` : ''}</li>`)
      .join('');
    return `${name}<ul>${rows}</ul>`;
  }
  if (s.type === 'array') return `${name}array of ${schemaSketch(doc, s.items, depth + 1)}`;
  if (s.enum) return `${name}${s.enum.map((e: unknown) => `<code>${esc(e)}</code>`).join(' | ')}`;
  if (s.anyOf) return s.anyOf.map((x: Json) => schemaSketch(doc, x, depth + 1)).join(' | ');
  return `${name}<span class="type">${esc(s.type ?? (s.const !== undefined ? JSON.stringify(s.const) : 'any'))}${s.format ? ` (${esc(s.format)})` : ''}</span>`;
}

export function renderApiDocsPage(doc: Json): string {
  const ops: string[] = [];
  for (const [p, methods] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(methods)) {
      const params = (op.parameters ?? [])
        .map((x: Json) => `<li><code>${esc(x.name)}</code> (${esc(x.in)}${x.required ? ', required' : ''}): ${schemaSketch(doc, x.schema)} ${x.description ? `<em>${esc(x.description)}</em>` : ''}</li>`)
        .join('');
      const body = op.requestBody?.content
        ? Object.entries<Json>(op.requestBody.content).map(([ct, c]) => `<div><b>Body</b> <code>${esc(ct)}</code>${schemaSketch(doc, c.schema)}</div>`).join('')
        : '';
      const responses = Object.entries<Json>(op.responses ?? {})
        .map(([status, r]) => {
          const content = r.content ? Object.entries<Json>(r.content).map(([ct, c]) => `<code>${esc(ct)}</code> ${schemaSketch(doc, c.schema)}`).join('') : '';
          return `<li><b>${esc(status)}</b> ${esc(r.description)} ${content}</li>`;
        })
        .join('');
      ops.push(`<section class="op" id="${esc(method + p)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>/api${esc(p)}</code> — ${esc(op.summary)}</h3>
        ${op['x-permission'] ? `<p class="perm">Requires: <code>${esc(op['x-permission'])}</code></p>` : '<p class="perm">Public</p>'}${op.description ? `<p>${esc(op.description)}</p>` : ''}${params ? `<div><b>Parameters</b><ul>${params}</ul></div>` : ''}${body}<div><b>Responses</b><ul>${responses}</ul></div></section>`);
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.info?.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2937}
.op{border:1px solid #e5e7eb;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}.m{padding:2px 8px;border-radius:4px;color:#fff;font-size:.8em}
.get{background:#2563eb}.post{background:#16a34a}.put,.patch{background:#d97706}.delete{background:#dc2626}em{color:#6b7280}.ref{color:#7c3aed}.perm{color:#92400e;font-size:.9em}ul{margin:.2rem 0}</style>
</head><body><h1>${esc(doc.info?.title)} <small>v${esc(doc.info?.version)}</small></h1><p>${esc(doc.info?.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)})</p>${ops.join('\n')}</body></html>`;
}
