/**
 * Single-use recovery codes for accounts with two-factor sign-in: ten codes
 * of 10 base32 characters (50 bits each), shown once and stored hashed.
 * Formatted `XXXXX-XXXXX`; input is normalised so case and dashes don't matter.
 */
import { randomBytes } from "../crypto/bytes.ts";
import { base32Encode } from "./totp.ts";

export const RECOVERY_CODE_COUNT = 10;

export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = base32Encode(randomBytes(7)).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

export function normaliseRecoveryCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
