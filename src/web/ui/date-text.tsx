/**
 * Dates are shown ISO-style (2026-11-26) in both languages, as Chinese bank systems do. Instants are
 * shown in Beijing time, the lender's business time zone, whatever the workstation's clock says.
 */
const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const instantFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatInstant(iso: string): { date: string; time: string } | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = Object.fromEntries(instantFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

type DateTextProps =
  | { date: string | null | undefined; instant?: undefined; empty?: string }
  /** An ISO instant; midnight in Beijing (a calendar-date event) is shown without the time. */
  | { instant: string | null | undefined; date?: undefined; empty?: string };

export function DateText(props: DateTextProps) {
  const empty = props.empty ?? '—';
  if (props.instant !== undefined) {
    if (!props.instant) return <span className="date date--empty">{empty}</span>;
    const f = formatInstant(props.instant);
    if (!f) return <span className="date">{props.instant}</span>;
    return (
      <time className="date" dateTime={props.instant}>
        {f.date}
        {f.time !== '00:00' && <span className="date__time"> {f.time}</span>}
      </time>
    );
  }
  if (!props.date) return <span className="date date--empty">{empty}</span>;
  return (
    <time className="date" dateTime={props.date}>
      {props.date}
    </time>
  );
}

/** The same rendering as <DateText instant> as plain text, for use inside sentences. */
export function instantText(iso: string): string {
  const f = formatInstant(iso);
  if (!f) return iso;
  return f.time === '00:00' ? f.date : `${f.date} ${f.time}`;
}

const secondsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant to the second in Beijing time (2026-11-26 10:00:05), for audit records where order within a minute matters. */
export function instantSecondsText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(secondsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * A <input type="datetime-local"> value (2026-11-26T10:00), read as Beijing time whatever the
 * workstation's zone, to an ISO instant with offset (2026-11-26T10:00:00+08:00). Other input is
 * returned as typed, for the server to validate.
 */
export function businessLocalToInstant(local: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(local) ? `${local}+08:00` : local;
}
