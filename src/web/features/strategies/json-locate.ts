/**
 * Where each value of a JSON text sits, by the dotted path the server's field errors use
 * (`segments.3.ladder.1.waitDays`), so a problem can be shown on its line. A small scanner, not
 * JSON.parse: it keeps positions, and on broken text it keeps what it read before the break.
 */
export type JsonLocations = Map<string, number>; // path → 1-based line ('' = the root)

export function locateJsonPaths(text: string): JsonLocations {
  const found: JsonLocations = new Map();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    let out = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      if (text[i] === '\n') line++;
      out += text[i] ?? '';
      i++;
    }
    if (i >= text.length) throw new Error('unterminated string');
    i++;
    return out;
  };
  const value = (path: string, at: number) => {
    ws();
    if (!found.has(path)) found.set(path, at === 0 ? line : at);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error('expected a key');
        const keyLine = line;
        const key = string();
        ws();
        if (text[i] !== ':') throw new Error('expected :');
        i++;
        value(path ? `${path}.${key}` : key, keyLine);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        throw new Error('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value(path ? `${path}.${n}` : String(n), 0);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        throw new Error('expected , or ]');
      }
    }
    if (c === '"') return void string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) throw new Error('unexpected token');
    i += m[0].length;
  };
  try {
    value('', 0);
  } catch {
    /* keep the positions read so far */
  }
  return found;
}

/** The line of a field path, or of its nearest enclosing value when the field itself is missing. */
export function lineOfPath(locations: JsonLocations, path: string): number | null {
  if (path === '(root)') return locations.get('') ?? 1;
  const parts = path.split('.');
  for (let n = parts.length; n >= 0; n--) {
    const line = locations.get(parts.slice(0, n).join('.'));
    if (line !== undefined) return line;
  }
  return null;
}

/** For a problem path: which segment and which ladder step it concerns (to show it next to them). */
export function segmentStepOf(path: string): { segment: number | null; step: number | null } {
  const m = /^segments\.(\d+)(?:\.ladder\.(\d+))?/.exec(path);
  return { segment: m ? Number(m[1]) : null, step: m?.[2] !== undefined ? Number(m[2]) : null };
}
