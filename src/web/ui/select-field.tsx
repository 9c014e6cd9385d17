import type { ReactNode } from 'react';

/**
 * A labelled <select> over a fixed list of values. Every enum picker in the console (purpose,
 * channel, outcome…) has this shape; the caller supplies the translated label for each value.
 */
export function SelectField<T extends string>(props: {
  label: ReactNode;
  value: T;
  options: readonly T[];
  optionLabel: (value: T) => string;
  onChange: (value: T) => void;
  testId?: string;
  small?: boolean;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <select
        className={props.small ? 'input input--small' : 'input'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
