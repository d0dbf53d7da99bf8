/**
 * Turning on two-step verification: confirm the password, scan the QR code
 * (or type the setup key) into an authenticator app, enter its first code,
 * then keep the recovery codes, which are shown this once.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { confirmMfa, enrollMfa } from "../api/client.ts";
import type { MfaEnrolment } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { TextField } from "../components/field.tsx";
import { PasswordField } from "../components/password-field.tsx";
import { QrCode } from "../components/qr-code.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useSession } from "../session/use-session.ts";
import { CodeField } from "../components/digits-field.tsx";

type Step =
  | { kind: "off" }
  | { kind: "password" }
  | { kind: "scan"; enrolment: MfaEnrolment }
  | { kind: "recovery-codes"; codes: string[] };

/** "JBSW Y3DP …": easier to read off the screen and type in. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function TwoStepPanel() {
  const { account, reload } = useSession();
  const action = useAsyncAction();
  const [step, setStep] = useState<Step>({ kind: "off" });
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");

  function restart() {
    setStep({ kind: "off" });
    setPassword("");
    setCode("");
    action.setError(null);
  }

  async function startEnrolment(event: FormEvent) {
    event.preventDefault();
    const enrolment = await action.run(() => enrollMfa(password));
    setPassword("");
    if (enrolment) setStep({ kind: "scan", enrolment });
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const confirmed = await action.run(() => confirmMfa(code));
    setCode("");
    if (confirmed) setStep({ kind: "recovery-codes", codes: confirmed.recoveryCodes });
  }

  let body: ReactNode;
  if (step.kind === "recovery-codes") {
    body = (
      <>
        <p role="status" className="panel__text">
          Two-step verification is on. Save these recovery codes somewhere safe: each one signs you
          in once if you lose your phone, and they won't be shown again.
        </p>
        <ol className="recovery-codes" aria-label="Recovery codes">
          {step.codes.map((recoveryCode) => (
            <li key={recoveryCode}>
              <code>{recoveryCode}</code>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void reload().then(restart)}
        >
          I've saved my recovery codes
        </button>
      </>
    );
  } else if (account.mfaEnabled) {
    body = (
      <p className="panel__text">
        <span className="badge badge--on">On</span> Signing in asks for a code from your
        authenticator app.
      </p>
    );
  } else if (step.kind === "password") {
    body = (
      <form onSubmit={startEnrolment}>
        {/* Lets password managers tell which account the password belongs to. */}
        <input hidden readOnly autoComplete="username" value={account.email} />
        <PasswordField
          label="Current password"
          hint="To confirm it's you."
          autoComplete="current-password"
          required
          autoFocus
          value={password}
          onChange={setPassword}
        />
        <ErrorMessage error={action.error} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={action.pending}>
            Continue
          </button>
          <button type="button" className="button button--secondary" onClick={restart}>
            Cancel
          </button>
        </div>
      </form>
    );
  } else if (step.kind === "scan") {
    body = (
      <form onSubmit={confirm}>
        <p className="panel__text">
          Scan this QR code with an authenticator app, or enter the setup key by hand. Then enter
          the 6-digit code the app shows.
        </p>
        <div className="two-step__setup">
          <QrCode
            text={step.enrolment.otpauthUri}
            alt="QR code for adding Marquee to an authenticator app"
          />
          <div className="two-step__fields">
            <TextField
              label="Setup key"
              readOnly
              spellCheck={false}
              value={grouped(step.enrolment.secret)}
              className="field__input--mono"
            />
            <CodeField label="6-digit code" required autoFocus value={code} onChange={setCode} />
          </div>
        </div>
        <ErrorMessage error={action.error} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={action.pending}>
            Turn on
          </button>
          <button type="button" className="button button--secondary" onClick={restart}>
            Cancel
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <>
        <p className="panel__text">
          <span className="badge">Off</span> Add a code from your phone to every sign-in, so your
          password alone isn't enough.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => setStep({ kind: "password" })}
        >
          Set up two-step verification
        </button>
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby="two-step-title">
      <h2 id="two-step-title">Two-step verification</h2>
      {body}
    </section>
  );
}
