/** Asks for a profile's PIN before switching to it. */
import { useState, type FormEvent } from "react";
import type { ApiError } from "../api/api-error.ts";
import type { Profile } from "../api/types.ts";
import { Dialog } from "./dialog.tsx";
import { ErrorMessage } from "./error-message.tsx";
import { PinField } from "./digits-field.tsx";

interface PinDialogProps {
  profile: Profile;
  error: ApiError | null;
  pending: boolean;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}

export function PinDialog({ profile, error, pending, onSubmit, onClose }: PinDialogProps) {
  const [pin, setPin] = useState("");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Whatever the answer, the box is empty for the next try and keeps focus.
    setPin("");
    event.currentTarget.querySelector("input")?.focus();
    onSubmit(pin);
  }

  return (
    <Dialog title={`Enter the PIN for ${profile.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <p className="dialog__text">This profile is locked with a 4-digit PIN.</p>
        <PinField label="PIN" value={pin} onChange={setPin} required data-autofocus />
        <ErrorMessage error={error} />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            Continue
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
