import { describe, expect, it } from "vitest";
import {
  fromBase64Url,
  randomBytes,
  randomToken,
  timingSafeEqual,
  toBase64Url,
  utf8,
} from "./bytes.ts";
import { open, seal } from "./secret-box.ts";

describe("bytes", () => {
  it("round-trips base64url of every length without padding", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length);
      const encoded = toBase64Url(bytes);
      expect(encoded).toMatch(/^[\w-]*$/);
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
  });

  it("makes 256-bit opaque tokens", () => {
    const token = randomToken();
    expect(fromBase64Url(token)).toHaveLength(32);
    expect(randomToken()).not.toBe(token);
  });

  it("compares equal and unequal byte strings", () => {
    expect(timingSafeEqual(utf8("same"), utf8("same"))).toBe(true);
    expect(timingSafeEqual(utf8("same"), utf8("sane"))).toBe(false);
    expect(timingSafeEqual(utf8("same"), utf8("same!"))).toBe(false);
  });
});

describe("secret box", () => {
  const key = toBase64Url(randomBytes(32));

  it("seals and opens", async () => {
    const sealed = await seal("JBSWY3DPEHPK3PXP", key);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(await open(sealed, key)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses a tampered value and a wrong key", async () => {
    const sealed = await seal("secret", key);
    const [version, iv, ciphertext] = sealed.split(".");
    const flipped = `${version}.${iv}.${ciphertext!.slice(0, -2)}${ciphertext!.endsWith("AA") ? "BB" : "AA"}`;
    await expect(open(flipped, key)).rejects.toThrow();
    await expect(open(sealed, toBase64Url(randomBytes(32)))).rejects.toThrow();
  });

  it("refuses a key of the wrong size", async () => {
    await expect(seal("x", toBase64Url(randomBytes(16)))).rejects.toThrow("32 bytes");
  });
});
