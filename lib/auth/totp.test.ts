import { describe, expect, it } from "vitest";
import { utf8 } from "../crypto/bytes.ts";
import {
  base32Decode,
  base32Encode,
  hotp,
  otpauthUri,
  timeStep,
  totp,
  verifyTotp,
  type TotpAlgorithm,
} from "./totp.ts";

// RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to the hash's block size.
const SEEDS: Record<TotpAlgorithm, string> = {
  "SHA-1": "12345678901234567890",
  "SHA-256": "12345678901234567890123456789012",
  "SHA-512": "1234567890123456789012345678901234567890123456789012345678901234",
};

const RFC6238_VECTORS: [number, string, TotpAlgorithm][] = [
  [59, "94287082", "SHA-1"],
  [59, "46119246", "SHA-256"],
  [59, "90693936", "SHA-512"],
  [1111111109, "07081804", "SHA-1"],
  [1111111109, "68084774", "SHA-256"],
  [1111111109, "25091201", "SHA-512"],
  [1111111111, "14050471", "SHA-1"],
  [1111111111, "67062674", "SHA-256"],
  [1111111111, "99943326", "SHA-512"],
  [1234567890, "89005924", "SHA-1"],
  [1234567890, "91819424", "SHA-256"],
  [1234567890, "93441116", "SHA-512"],
  [2000000000, "69279037", "SHA-1"],
  [2000000000, "90698825", "SHA-256"],
  [2000000000, "38618901", "SHA-512"],
  [20000000000, "65353130", "SHA-1"],
  [20000000000, "77737706", "SHA-256"],
  [20000000000, "47863826", "SHA-512"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC6238_VECTORS)("at T=%i gives %s with %s", async (time, expected, algorithm) => {
    expect(await totp(utf8(SEEDS[algorithm]), time, { algorithm, digits: 8 })).toBe(expected);
  });
});

describe("HOTP (RFC 4226 Appendix D)", () => {
  const expected = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
  ];
  it.each(expected.map((code, counter) => [counter, code] as const))(
    "counter %i gives %s",
    async (counter, code) => {
      expect(await hotp(utf8(SEEDS["SHA-1"]), counter)).toBe(code);
    },
  );
});

describe("base32 (RFC 4648 section 10)", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes %j as %s (unpadded) and back", (text, encoded) => {
    expect(base32Encode(utf8(text))).toBe(encoded);
    expect(new TextDecoder().decode(base32Decode(`${encoded.toLowerCase()}===`))).toBe(text);
  });

  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("MZXW1")).toThrow("invalid base32");
  });
});

describe("verifyTotp", () => {
  const secret = base32Encode(utf8(SEEDS["SHA-1"]));
  const now = 1_700_000_000;

  it("accepts the current step and one either side, and says which matched", async () => {
    for (const offset of [-30, 0, 30]) {
      const code = await totp(utf8(SEEDS["SHA-1"]), now + offset);
      expect(await verifyTotp(secret, code, now)).toBe(timeStep(now + offset));
    }
  });

  it("refuses codes two steps away", async () => {
    for (const offset of [-60, 60]) {
      expect(
        await verifyTotp(secret, await totp(utf8(SEEDS["SHA-1"]), now + offset), now),
      ).toBeNull();
    }
  });

  it("refuses a step at or before the last one used", async () => {
    const code = await totp(utf8(SEEDS["SHA-1"]), now);
    expect(await verifyTotp(secret, code, now, { afterStep: timeStep(now) })).toBeNull();
    expect(await verifyTotp(secret, code, now, { afterStep: timeStep(now) - 1 })).toBe(
      timeStep(now),
    );
  });

  it("refuses input that is not six digits", async () => {
    for (const code of ["", "12345", "1234567", "12a456", " 123456"])
      expect(await verifyTotp(secret, code, now)).toBeNull();
  });
});

it("builds an otpauth URI authenticator apps read", () => {
  const uri = otpauthUri({
    issuer: "Marquee",
    accountName: "sam@example.com",
    secret: "JBSWY3DPEHPK3PXP",
  });
  expect(uri).toBe(
    "otpauth://totp/Marquee:sam%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Marquee&algorithm=SHA1&digits=6&period=30",
  );
});
