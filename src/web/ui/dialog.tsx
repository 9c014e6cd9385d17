import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog> element: focus trapping, Esc to close and the backdrop come from
 * the browser. Mount it only while open.
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  size = 'normal',
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** wide: forms with several columns (compose a message, log a call). */
  size?: 'normal' | 'wide';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // No close() on cleanup: it would fire `close` (→ onClose) during StrictMode's simulated
    // unmount and dismiss the dialog. Removing the element takes it out of the top layer anyway.
  }, []);
  return (
    <dialog ref={ref} className={size === 'wide' ? 'dialog dialog--wide' : 'dialog'} onClose={onClose} data-testid={testId}>
      <h2 className="dialog__title">{title}</h2>
      {children}
    </dialog>
  );
}
