import { describe, expect, it } from 'vitest';
import { analyticsCsv, CSV_HEADER } from './analytics-csv.ts';

describe('analyticsCsv', () => {
  it('starts with a BOM and the header, uses CRLF, leaves nulls empty and numbers as they are', () => {
    const text = analyticsCsv([
      ['cure_rate', '分档回收率（治愈率）', 'bucket', 'M1', 'rate', 0.5],
      ['cure_rate', '分档回收率（治愈率）', 'bucket', 'M3', 'rate', null],
      ['time_limits', '处理时限达标率', 'all', 'decision', 'meets_target', false],
    ]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      CSV_HEADER.join(','),
      'cure_rate,分档回收率（治愈率）,bucket,M1,rate,0.5',
      'cure_rate,分档回收率（治愈率）,bucket,M3,rate,',
      'time_limits,处理时限达标率,all,decision,meets_target,false',
      '',
    ]);
  });
  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1+1', "'-1+1"],
    ['a,b', '"a,b"'],
  ])('quotes and neutralises the key %j', (key, expected) => {
    expect(analyticsCsv([['s', '节', 'd', key, 'm', 1]]).split('\r\n')[1]).toBe(`s,节,d,${expected},m,1`);
  });
});
