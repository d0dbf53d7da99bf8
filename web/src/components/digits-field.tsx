/**
 * Boxes for a fixed number of digits: digits only, the numeric keypad on
 * phones. A PIN is hidden as typed; a one-time code is offered to the
 * browser's code autofill.
 */
import { TextField, type TextFieldProps } from "./field.tsx";

type DigitsFieldProps = Omit<TextFieldProps, "value" | "onChange" | "type" | "pattern"> & {
  value: string;
  onChange: (digits: string) => void;
};

function DigitsField({
  digits,
  secret,
  value,
  onChange,
  ...props
}: DigitsFieldProps & { digits: number; secret: boolean }) {
  return (
    <TextField
      type={secret ? "password" : "text"}
      inputMode="numeric"
      pattern={`\\d{${digits}}`}
      maxLength={digits}
      title={`${digits} digits`}
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, "").slice(0, digits))}
      {...props}
    />
  );
}

export function PinField(props: DigitsFieldProps) {
  return (
    <DigitsField digits={4} secret autoComplete="off" className="field__input--pin" {...props} />
  );
}

/** A 6-digit code from an authenticator app. */
export function CodeField(props: DigitsFieldProps) {
  return <DigitsField digits={6} secret={false} autoComplete="one-time-code" {...props} />;
}
