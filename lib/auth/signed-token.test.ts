import { errors } from "jose";
import { describe, expect, it } from "vitest";
import {
  AUDIENCES,
  generateSigningKey,
  signToken,
  tokenKeys,
  verifyToken,
} from "./signed-token.ts";

const keySet = async (...kids: string[]) => Promise.all(kids.map((kid) => generateSigningKey(kid)));

describe("signed tokens", () => {
  it("names the signing key in the header and verifies", async () => {
    const keys = await tokenKeys(JSON.stringify(await keySet("k1")));
    const token = await signToken(keys, {
      audience: AUDIENCES.access,
      subject: "acc",
      ttlSeconds: 60,
      claims: { x: 1 },
    });
    expect(JSON.parse(atob(token.split(".")[0]!))).toMatchObject({ alg: "ES256", kid: "k1" });
    expect(await verifyToken(keys, token, AUDIENCES.access)).toMatchObject({
      sub: "acc",
      x: 1,
      iss: "marquee",
    });
  });

  it("rotates: a new key signs, the old still verifies until it is removed", async () => {
    const [oldKey, newKey] = await keySet("old", "new");
    const before = await tokenKeys(JSON.stringify([oldKey]));
    const oldToken = await signToken(before, {
      audience: AUDIENCES.access,
      subject: "a",
      ttlSeconds: 60,
    });

    const during = await tokenKeys(JSON.stringify([newKey, oldKey]));
    const newToken = await signToken(during, {
      audience: AUDIENCES.access,
      subject: "a",
      ttlSeconds: 60,
    });
    expect(JSON.parse(atob(newToken.split(".")[0]!)).kid).toBe("new");
    await expect(verifyToken(during, oldToken, AUDIENCES.access)).resolves.toMatchObject({
      sub: "a",
    });

    const after = await tokenKeys(JSON.stringify([newKey]));
    await expect(verifyToken(after, oldToken, AUDIENCES.access)).rejects.toBeInstanceOf(
      errors.JWKSNoMatchingKey,
    );
    await expect(verifyToken(after, newToken, AUDIENCES.access)).resolves.toMatchObject({
      sub: "a",
    });
  });

  it("keeps audiences apart", async () => {
    const keys = await tokenKeys(JSON.stringify(await keySet("k")));
    const challenge = await signToken(keys, {
      audience: AUDIENCES.mfaChallenge,
      subject: "a",
      ttlSeconds: 60,
    });
    await expect(verifyToken(keys, challenge, AUDIENCES.access)).rejects.toBeInstanceOf(
      errors.JWTClaimValidationFailed,
    );
  });

  it("refuses expired tokens", async () => {
    const keys = await tokenKeys(JSON.stringify(await keySet("k")));
    const expired = await signToken(keys, {
      audience: AUDIENCES.access,
      subject: "a",
      ttlSeconds: -1,
    });
    await expect(verifyToken(keys, expired, AUDIENCES.access)).rejects.toBeInstanceOf(
      errors.JWTExpired,
    );
  });

  it("refuses a key set without key ids or private parts", async () => {
    const [key] = await keySet("k");
    const { kid: _kid, ...withoutKid } = key!;
    await expect(tokenKeys(JSON.stringify([withoutKid]))).rejects.toThrow("kid");
    await expect(tokenKeys(JSON.stringify([]))).rejects.toThrow("non-empty");
  });
});
