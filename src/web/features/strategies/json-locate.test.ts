import { describe, expect, it } from 'vitest';
import { lineOfPath, locateJsonPaths, segmentStepOf } from './json-locate.ts';

const TEXT = `{
  "id": "s",
  "segments": [
    {
      "id": "early",
      "ladder": [
        { "type": "contact", "waitDays": 3 },
        {
          "type": "action",
          "waitDays": -1
        }
      ]
    }
  ]
}`;

describe('locating field paths in the editor text', () => {
  const at = locateJsonPaths(TEXT);
  it.each([
    ['id', 2],
    ['segments', 3],
    ['segments.0', 4],
    ['segments.0.ladder.0.waitDays', 7],
    ['segments.0.ladder.1', 8],
    ['segments.0.ladder.1.waitDays', 10],
  ])('%s is on line %i', (path, line) => expect(lineOfPath(at, path)).toBe(line));

  it('a missing field points at its nearest enclosing value; (root) at line 1', () => {
    expect(lineOfPath(at, 'segments.0.ladder.1.templateKey')).toBe(8);
    expect(lineOfPath(at, 'segments.0.nameZh')).toBe(4);
    expect(lineOfPath(at, '(root)')).toBe(1);
  });

  it('broken text keeps the positions read before the break', () => {
    const partial = locateJsonPaths('{\n  "id": "s",\n  "segments": [ { "id": \n');
    expect(lineOfPath(partial, 'id')).toBe(2);
    expect(lineOfPath(partial, 'segments.0.id')).toBe(3);
  });

  it('strings with escaped quotes and newlines inside do not confuse the scanner', () => {
    const t = locateJsonPaths('{\n "a": "x\\"y",\n "b": [1, 2,\n 3]\n}');
    expect(lineOfPath(t, 'b.2')).toBe(4);
  });

  it.each([
    ['segments.3.ladder.1.waitDays', { segment: 3, step: 1 }],
    ['segments.2.conditions.dpd.min', { segment: 2, step: null }],
    ['nameZh', { segment: null, step: null }],
  ])('segmentStepOf(%s)', (path, expected) => expect(segmentStepOf(path)).toEqual(expected));
});
