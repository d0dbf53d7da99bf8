/**
 * What a new password must satisfy: 10 to 128 characters and not one of the
 * ~49,000 most common passwords (the frequency-ranked list that zxcvbn ships;
 * only its entries of 10+ characters can matter, about 1,500). The check is
 * case-insensitive, so "Qwertyuiop" is refused like "qwertyuiop".
 */
import { PASSWORD_MIN_LENGTH } from "./password-length.ts";
import commonPasswords from "@zxcvbn-ts/language-common/src/passwords.json" with { type: "json" };

const COMMON = new Set(
  (commonPasswords as string[])
    .filter((password) => password.length >= PASSWORD_MIN_LENGTH)
    .map((password) => password.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}
