import { formatFen } from '../../platform/money/fen.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** An amount held in integer fen, formatted exactly (¥1,234.56 / CN¥1,234.56). */
export function Money({ fen, muteZero, testId, strong }: { fen: number; muteZero?: boolean; testId?: string; strong?: boolean }) {
  const { locale } = useI18n();
  const classes = ['money', muteZero && fen === 0 ? 'money--zero' : '', fen < 0 ? 'money--negative' : '', strong ? 'money--strong' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={classes} data-testid={testId}>
      {formatFen(fen, locale)}
    </span>
  );
}
