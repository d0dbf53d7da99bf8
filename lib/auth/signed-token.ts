/**
 * Short-lived signed tokens (JWTs, ES256) for every purpose Marquee has:
 * access tokens, the two-factor challenge, transcoding jobs, playback
 * grants and QoE view tokens. Each purpose has its own audience, so a token minted for one is refused by the
 * others.
 *
 * Keys come from one secret, `JWT_SIGNING_KEYS`: a JSON array of private
 * EC P-256 JWKs, each with a `kid`. The first signs; all of them verify. To
 * rotate, put a new key first, keep the old one until the longest-lived
 * token it signed has expired, then remove it.
 */
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";

export const TOKEN_ISSUER = "marquee";
const ALGORITHM = "ES256";

export const AUDIENCES = {
  access: "marquee:access",
  mfaChallenge: "marquee:mfa-challenge",
  transcoderTask: "marquee:transcoder-task",
  playback: "marquee:playback",
  qoeView: "marquee:qoe-view",
} as const;
export type Audience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

export interface TokenKeys {
  kid: string;
  signingKey: CryptoKey;
  verificationKeys: JWTVerifyGetKey;
  publicJwks: JWK[];
}

function publicPart({ kty, crv, x, y, kid }: JWK): JWK {
  return { kty, crv, x, y, kid, alg: ALGORITHM, use: "sig" };
}

async function loadTokenKeys(secret: string): Promise<TokenKeys> {
  const jwks = JSON.parse(secret) as JWK[];
  const [current] = jwks;
  if (!current?.kid || jwks.some((jwk) => !jwk.kid || !jwk.d))
    throw new Error("JWT_SIGNING_KEYS must be a non-empty JSON array of private JWKs with a kid");
  const publicJwks = jwks.map(publicPart);
  return {
    kid: current.kid,
    signingKey: (await importJWK(current, ALGORITHM)) as CryptoKey,
    verificationKeys: createLocalJWKSet({ keys: publicJwks }),
    publicJwks,
  };
}

// Importing keys costs more than a signature; do it once per isolate and secret.
const cache = new Map<string, Promise<TokenKeys>>();
export function tokenKeys(secret: string): Promise<TokenKeys> {
  let keys = cache.get(secret);
  if (!keys) {
    keys = loadTokenKeys(secret);
    cache.set(secret, keys);
  }
  return keys;
}

export async function signToken(
  keys: TokenKeys,
  {
    audience,
    subject,
    ttlSeconds,
    claims = {},
  }: { audience: Audience; subject: string; ttlSeconds: number; claims?: Record<string, unknown> },
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.kid, typ: "JWT" })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.signingKey);
}

/**
 * Verifies signature, key id, issuer, audience and expiry. Throws (a jose
 * error) when any of them is wrong.
 */
export async function verifyToken(
  keys: TokenKeys,
  token: string,
  audience: Audience,
): Promise<JWTPayload & { sub: string }> {
  const { payload } = await jwtVerify(token, keys.verificationKeys, {
    issuer: TOKEN_ISSUER,
    audience,
    algorithms: [ALGORITHM],
    requiredClaims: ["sub", "exp", "iat"],
  });
  return payload as JWTPayload & { sub: string };
}

/** A new signing key as a private JWK, for `JWT_SIGNING_KEYS`. */
export async function generateSigningKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM };
}
