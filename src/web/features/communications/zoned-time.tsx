import { useI18n } from '../../i18n/i18n.tsx';

/** The lender's business zone: every instant is shown in Beijing time first. */
export const BEIJING = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(zone: string): Intl.DateTimeFormat | null {
  let f = formats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return null; // an unknown zone name on the customer record
    }
    formats.set(zone, f);
  }
  return f;
}

/** '2026-11-27T00:00:00Z' in 'Asia/Shanghai' → { date: '2026-11-27', time: '08:00' }; null for a bad instant or zone. */
export function wallClock(iso: string, zone: string): { date: string; time: string } | null {
  const d = new Date(iso);
  const f = formatFor(zone);
  if (Number.isNaN(d.getTime()) || !f) return null;
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * An instant in Beijing time, then in every other zone the customer may be in when its wall clock
 * differs (a borrower in Urumqi or abroad): "2026-11-27 08:00 北京时间（次日） · 客户当地 07:00 America/…".
 * `relativeTo` (an instant) adds 今天 / 次日 against that instant's Beijing date.
 */
export function ZonedInstant({ instant, zones = [], relativeTo, testId }: { instant: string; zones?: string[]; relativeTo?: string; testId?: string }) {
  const { t } = useI18n();
  const beijing = wallClock(instant, BEIJING);
  if (!beijing) return <span data-testid={testId}>{instant}</span>;
  let day: string | null = null;
  const ref = relativeTo ? wallClock(relativeTo, BEIJING) : null;
  if (ref) {
    const diff = dayNumber(beijing.date) - dayNumber(ref.date);
    day = diff === 0 ? t('zoned.today') : diff === 1 ? t('zoned.nextDay') : null;
  }
  const locals = zones
    .filter((z) => z !== BEIJING)
    .map((zone) => ({ zone, clock: wallClock(instant, zone) }))
    .filter((l) => l.clock && (l.clock.date !== beijing.date || l.clock.time !== beijing.time));
  return (
    <span className="zoned" data-testid={testId}>
      <time className="zoned__main" dateTime={instant} data-testid={testId ? `${testId}-beijing` : undefined}>
        {beijing.date} {beijing.time}
      </time>
      <span className="zoned__zone">
        {t('zoned.beijing')}
        {day && t('zoned.dayHint', { day })}
      </span>
      {locals.map((l) => (
        <span key={l.zone} className="zoned__local" data-testid={testId ? `${testId}-local` : undefined}>
          {t('zoned.local', { time: `${l.clock!.date} ${l.clock!.time}`, zone: l.zone })}
        </span>
      ))}
    </span>
  );
}
