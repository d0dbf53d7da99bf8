/**
 * /signin: email and password, then, for accounts with two-step
 * verification, a 6-digit code from the authenticator app or a recovery code.
 */
import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { login } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { TextField } from "../components/field.tsx";
import { PasswordField } from "../components/password-field.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { noticeFrom } from "../util/notice.ts";
import { TwoStepForm } from "./two-step-form.tsx";
import { SubmitButton } from "../components/submit-button.tsx";

export function SignInPage() {
  const navigate = useNavigate();
  const notice = noticeFrom(useLocation().state);
  const action = useAsyncAction();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [mfaToken, setMfaToken] = useState<string | null>(null);

  const signedIn = async () => {
    await navigate("/profiles");
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await action.run(() => login({ email, password }));
    if (result?.status === "signed_in") await signedIn();
    if (result?.status === "mfa_required") setMfaToken(result.mfaToken);
  }

  if (mfaToken)
    return (
      <TwoStepForm
        mfaToken={mfaToken}
        onSignedIn={signedIn}
        onRestart={(error) => {
          setMfaToken(null);
          setPassword("");
          action.setError(error);
        }}
      />
    );

  return (
    <>
      <title>Sign in · Marquee</title>
      <h1>Sign in</h1>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <form onSubmit={submit}>
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={action.error?.fieldMessage("email")}
        />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <ErrorMessage error={action.error} inlineFields={["email"]} />
        <SubmitButton pending={action.pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <div className="auth-card__footer">
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          New to Marquee? <Link to="/signup">Sign up now</Link>
        </p>
      </div>
    </>
  );
}
