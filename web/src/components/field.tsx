/**
 * One labelled form control with its hint and error, wired for assistive
 * technology: the label names the control, and the hint and error describe
 * it. Every input, select and PIN box in the app goes through `Field`.
 */
import { useId, type InputHTMLAttributes, type ReactNode } from "react";

interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Control before its label on one line, as checkboxes are laid out. */
  inline?: boolean;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, hint, error, inline = false, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ");
  const labelElement = (
    <label className="field__label" htmlFor={id}>
      {label}
    </label>
  );
  const control = children({
    id,
    ...(describedBy && { "aria-describedby": describedBy }),
    ...(error && { "aria-invalid": true }),
  });
  return (
    <div className={inline ? "field field--inline" : "field"}>
      {inline ? (
        <div className="field__row">
          {control}
          {labelElement}
        </div>
      ) : (
        <>
          {labelElement}
          {control}
        </>
      )}
      {hint && (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export type TextFieldProps = Omit<FieldProps, "children"> &
  Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "children">;

export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          className={["field__input", className].filter(Boolean).join(" ")}
          {...input}
          {...control}
        />
      )}
    </Field>
  );
}
