/** /forgot-password: ask for a reset link by email. */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { requestPasswordReset } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { TextField } from "../components/field.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { SubmitButton } from "../components/submit-button.tsx";

export function ForgotPasswordPage() {
  const action = useAsyncAction();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const accepted = await action.run(() => requestPasswordReset(email));
    if (accepted) setSent(accepted.message);
  }

  return (
    <>
      <title>Reset your password · Marquee</title>
      <h1>Reset your password</h1>
      <p className="auth-card__text">
        Enter your account's email and we'll send you a link to choose a new password.
      </p>
      <form onSubmit={submit}>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={action.error?.fieldMessage("email")}
        />
        <ErrorMessage error={action.error} inlineFields={["email"]} />
        <StatusMessage>{sent}</StatusMessage>
        <SubmitButton pending={action.pending} pendingLabel="Sending…">
          Email me a link
        </SubmitButton>
      </form>
      <div className="auth-card__footer">
        <p>
          <Link to="/signin">Back to sign in</Link>
        </p>
      </div>
    </>
  );
}
