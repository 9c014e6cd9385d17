import { useI18n } from '../i18n/i18n.tsx';

/**
 * A file input whose button and "no file chosen" text follow the console's language (the native
 * control speaks the browser's). The real <input type="file"> covers the whole control, transparent,
 * so clicks, keyboard focus, drag-and-drop and test drivers all reach it. Remount it (a new `key`)
 * to clear it.
 */
export function FilePicker({
  accept,
  file,
  onChange,
  invalid,
  testId,
}: {
  accept?: string;
  file: File | null;
  onChange: (file: File | null) => void;
  invalid?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <span className={invalid ? 'file-picker file-picker--invalid' : 'file-picker'}>
      <input
        className="file-picker__input"
        type="file"
        accept={accept}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-invalid={invalid || undefined}
        data-testid={testId}
      />
      <span className="file-picker__button" aria-hidden="true">
        {t('file.choose')}
      </span>
      <span className={file ? 'file-picker__name' : 'file-picker__name file-picker__name--empty'} data-testid={testId ? `${testId}-name` : undefined}>
        {file ? file.name : t('file.none')}
      </span>
    </span>
  );
}
