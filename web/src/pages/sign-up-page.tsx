/** /signup: create an account (and its first profile), then choose who's watching. */
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { register } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { TextField } from "../components/field.tsx";
import { NewPasswordField } from "../components/password-field.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { SubmitButton } from "../components/submit-button.tsx";

const INLINE_FIELDS = ["email", "password", "profileName"];

export function SignUpPage() {
  const navigate = useNavigate();
  const action = useAsyncAction();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [profileName, setProfileName] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = profileName.trim();
    const created = await action.run(() =>
      register({ email, password, ...(name && { profileName: name }) }),
    );
    if (created) await navigate("/profiles");
  }

  return (
    <>
      <title>Sign up · Marquee</title>
      <h1>Create your account</h1>
      <p className="auth-card__text">Films and series, on every screen you own.</p>
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
        <NewPasswordField
          label="Password"
          required
          value={password}
          onChange={setPassword}
          error={action.error?.fieldMessage("password")}
        />
        <TextField
          label="Your profile name (optional)"
          hint="Who's watching first? You can add more profiles later."
          autoComplete="nickname"
          maxLength={40}
          value={profileName}
          onChange={(event) => setProfileName(event.target.value)}
          error={action.error?.fieldMessage("profileName")}
        />
        <ErrorMessage error={action.error} inlineFields={INLINE_FIELDS} />
        <SubmitButton pending={action.pending} pendingLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
      <div className="auth-card__footer">
        <p>
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </div>
    </>
  );
}
