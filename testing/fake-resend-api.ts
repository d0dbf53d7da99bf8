/**
 * TEST DOUBLE: a stand-in for Resend's email API (https://api.resend.com),
 * which this machine cannot reach. It answers like the real endpoint does:
 * 401 without the expected key, 422 for a malformed message, 200 with an id
 * otherwise. It is installed as the api Worker's outbound service in tests,
 * so it only ever sees requests the Worker makes to the internet.
 */
export const FAKE_RESEND_KEY = "re_test_fake_key";

export async function fakeResendApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (
    url.origin !== "https://api.resend.com" ||
    url.pathname !== "/emails" ||
    request.method !== "POST"
  ) {
    return new Response("the test network only reaches the fake Resend API", { status: 502 });
  }
  if (request.headers.get("authorization") !== `Bearer ${FAKE_RESEND_KEY}`) {
    return Response.json(
      { name: "validation_error", message: "API key is invalid" },
      { status: 401 },
    );
  }
  const body = (await request.json().catch(() => null)) as {
    from?: unknown;
    to?: unknown;
    subject?: unknown;
    text?: unknown;
  } | null;
  const valid =
    typeof body?.from === "string" &&
    Array.isArray(body.to) &&
    body.to.every((to) => typeof to === "string" && to.includes("@")) &&
    typeof body.subject === "string" &&
    typeof body.text === "string";
  if (!valid)
    return Response.json({ name: "validation_error", message: "Invalid message" }, { status: 422 });
  return Response.json({ id: crypto.randomUUID() });
}
