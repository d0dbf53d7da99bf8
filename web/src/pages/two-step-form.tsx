/**
 * The second step of signing in: the 6-digit code from the authenticator
 * app, or, for someone without their phone, one of their recovery codes.
 */
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/api-error.ts";
import { verifyMfa } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { TextField } from "../components/field.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { SubmitButton } from "../components/submit-button.tsx";
import { CodeField } from "../components/digits-field.tsx";

interface TwoStepFormProps {
  mfaToken: string;
  onSignedIn: () => Promise<void>;
  /** Back to email and password, with why (the challenge expired), or null if asked to. */
  onRestart: (error: ApiError | null) => void;
}

export function TwoStepForm({ mfaToken, onSignedIn, onRestart }: TwoStepFormProps) {
  const action = useAsyncAction();
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const [code, setCode] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = withRecoveryCode ? { mfaToken, recoveryCode: code.trim() } : { mfaToken, code };
    const signedIn = await action.run(async () => {
      try {
        await verifyMfa(input);
        return true;
      } catch (error) {
        if (!(error instanceof ApiError && error.code === "invalid_mfa_token")) throw error;
        onRestart(error);
        return false;
      }
    });
    if (signedIn) await onSignedIn();
  }

  function switchMethod() {
    setWithRecoveryCode((recovery) => !recovery);
    setCode("");
    action.setError(null);
  }

  return (
    <>
      <title>Two-step verification · Marquee</title>
      <h1>Two-step verification</h1>
      <p className="auth-card__text">
        {withRecoveryCode
          ? "Enter one of the recovery codes you saved when you turned on two-step verification."
          : "Enter the 6-digit code from your authenticator app."}
      </p>
      <form onSubmit={submit}>
        {withRecoveryCode ? (
          <TextField
            key="recovery"
            label="Recovery code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        ) : (
          <CodeField
            key="code"
            label="Authentication code"
            required
            autoFocus
            value={code}
            onChange={setCode}
          />
        )}
        <ErrorMessage error={action.error} />
        <SubmitButton pending={action.pending} pendingLabel="Checking…">
          Verify
        </SubmitButton>
      </form>
      <div className="auth-card__footer">
        <p>
          <button type="button" className="link-button" onClick={switchMethod}>
            {withRecoveryCode
              ? "Use your authenticator app instead"
              : "Use a recovery code instead"}
          </button>
        </p>
        <p>
          <button type="button" className="link-button" onClick={() => onRestart(null)}>
            Back to sign in
          </button>
        </p>
      </div>
    </>
  );
}
