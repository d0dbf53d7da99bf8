/**
 * /reset-password#token=…: choose a new password with the token from the
 * reset email. The token sits in the fragment so it never reaches a server
 * log; once read, it is taken out of the address bar and history too.
 */
import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { resetPassword } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { NewPasswordField } from "../components/password-field.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import type { NoticeState } from "../util/notice.ts";
import { SubmitButton } from "../components/submit-button.tsx";

const tokenFrom = (hash: string) => new URLSearchParams(hash.slice(1)).get("token");

export function ResetPasswordPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [token] = useState(() => tokenFrom(location.hash));
  const action = useAsyncAction();
  const [password, setPassword] = useState("");

  useEffect(() => {
    if (location.hash) void navigate({ hash: "" }, { replace: true });
  }, [location.hash, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    const changed = await action.run(async () => {
      await resetPassword(token, password);
      return true;
    });
    const state: NoticeState = {
      notice: "Your password has been changed. Sign in with your new password.",
    };
    if (changed) await navigate("/signin", { replace: true, state });
  }

  const linkBroken = !token || action.error?.code === "invalid_reset_token";
  return (
    <>
      <title>Choose a new password · Marquee</title>
      <h1>Choose a new password</h1>
      {token ? (
        <form onSubmit={submit}>
          <NewPasswordField
            label="New password"
            required
            value={password}
            onChange={setPassword}
            error={action.error?.fieldMessage("password")}
          />
          <ErrorMessage error={action.error} inlineFields={["password"]} />
          <SubmitButton pending={action.pending} pendingLabel="Saving…">
            Save new password
          </SubmitButton>
        </form>
      ) : (
        <p className="auth-card__text">
          This page needs the link from your password-reset email. Open the link from the email
          again, or ask for a new one.
        </p>
      )}
      <div className="auth-card__footer">
        {linkBroken && (
          <p>
            <Link to="/forgot-password">Ask for a new reset link</Link>
          </p>
        )}
        <p>
          <Link to="/signin">Back to sign in</Link>
        </p>
      </div>
    </>
  );
}
