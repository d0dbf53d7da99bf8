/**
 * Password entry with a show/hide toggle, and the variant for choosing a
 * new password, which shows the rules as you type (the server also refuses
 * common passwords, which only it can check).
 */
import { useState } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../lib/auth/password-length.ts";
import { Field, type TextFieldProps } from "./field.tsx";

type PasswordFieldProps = Omit<TextFieldProps, "type" | "value" | "onChange"> & {
  value: string;
  onChange: (value: string) => void;
};

export function PasswordField({
  label,
  hint,
  error,
  value,
  onChange,
  ...input
}: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="field__with-action">
          <input
            className="field__input"
            type={visible ? "text" : "password"}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            {...input}
            {...control}
          />
          <button
            type="button"
            className="field__action"
            onClick={() => setVisible((shown) => !shown)}
          >
            {visible ? "Hide" : "Show"}
            <span className="visually-hidden"> password</span>
          </button>
        </div>
      )}
    </Field>
  );
}

export function NewPasswordField(props: Omit<PasswordFieldProps, "hint" | "autoComplete">) {
  const longEnough = props.value.length >= PASSWORD_MIN_LENGTH;
  return (
    <PasswordField
      {...props}
      autoComplete="new-password"
      minLength={PASSWORD_MIN_LENGTH}
      hint={
        <ul className="password-rules">
          <li className={longEnough ? "password-rules__met" : undefined}>
            At least {PASSWORD_MIN_LENGTH} characters
            <span className="visually-hidden">{longEnough ? " (done)" : " (not yet)"}</span>
          </li>
          <li>Not a common password, like “password123”</li>
        </ul>
      }
    />
  );
}
