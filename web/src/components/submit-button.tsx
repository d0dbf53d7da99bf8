/** A form's main button; while the form is being sent it is disabled and says what is happening. */
import type { ReactNode } from "react";

interface SubmitButtonProps {
  pending: boolean;
  /** What the button says while the form is being sent ("Signing in…"). */
  pendingLabel: string;
  children: ReactNode;
}

export function SubmitButton({ pending, pendingLabel, children }: SubmitButtonProps) {
  return (
    <button type="submit" className="button button--primary button--block" disabled={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
