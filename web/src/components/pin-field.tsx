/** A 4-digit PIN box: digits only, hidden as typed, numeric keypad on phones. */
import { TextField, type TextFieldProps } from "./field.tsx";

type PinFieldProps = Omit<TextFieldProps, "value" | "onChange" | "type"> & {
  value: string;
  onChange: (pin: string) => void;
};

export function PinField({ value, onChange, ...props }: PinFieldProps) {
  return (
    <TextField
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="\d{4}"
      maxLength={4}
      title="4 digits"
      className="field__input--pin"
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, "").slice(0, 4))}
      {...props}
    />
  );
}
