import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./password-policy.ts";
import {
  DECOY_PASSWORD_HASH,
  PASSWORD_ITERATIONS,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "./password.ts";

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("plum-harbour-lantern-42");
    expect(await verifyPassword("plum-harbour-lantern-42", stored)).toBe(true);
    expect(await verifyPassword("plum-harbour-lantern-43", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("records the iteration count, and asks for a rehash below today's", async () => {
    const weak = await hashPassword("plum-harbour-lantern-42", 1_000);
    expect(weak.split("$")[1]).toBe("1000");
    expect(await verifyPassword("plum-harbour-lantern-42", weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword("x"))).toBe(false);
  });

  it("refuses stored values it cannot trust: other algorithms, counts above the runtime cap, garbage", async () => {
    const good = await hashPassword("secret-words-here");
    const [, , salt, hash] = good.split("$");
    for (const stored of [
      `bcrypt$${PASSWORD_ITERATIONS}$${salt}$${hash}`,
      `pbkdf2-sha256$${PASSWORD_ITERATIONS + 1}$${salt}$${hash}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      "pbkdf2-sha256$abc$x$y",
      "",
    ]) {
      expect(await verifyPassword("secret-words-here", stored)).toBe(false);
    }
  });

  it("never matches the decoy hash", async () => {
    for (const guess of ["", "password", "plum-harbour-lantern-42"])
      expect(await verifyPassword(guess, DECOY_PASSWORD_HASH)).toBe(false);
  });
});

describe("password policy", () => {
  it("knows common passwords of 10+ characters, in any case", () => {
    for (const password of ["qwertyuiop", "1234567890", "Password123", "BASKETBALL"])
      expect(isCommonPassword(password)).toBe(true);
  });

  it("lets uncommon passphrases through", () => {
    expect(isCommonPassword("plum-harbour-lantern-42")).toBe(false);
  });
});
