import type { InputErrorCode } from "../../lib/ingest/task-protocol.ts";

/**
 * The one error type for failures caused by the uploaded file itself. Retrying
 * cannot help with these, so the caller fails the job for good and shows
 * `message` to the uploader; every other error is treated as transient.
 *
 * @example
 * throw new InputError("unsupported_input", "The file has no video stream.");
 */

export class InputError extends Error {
  readonly code: InputErrorCode;

  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = "InputError";
    this.code = code;
  }
}
