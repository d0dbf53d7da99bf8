/**
 * How long a new password may be. A module of its own so the web app can
 * show the rule without bundling the common-password list.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the PBKDF2 input and the request; long passphrases still fit. */
export const PASSWORD_MAX_LENGTH = 128;
