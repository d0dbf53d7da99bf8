import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogTitles, loadDemoCatalog, type CatalogTitle } from "./demo-catalog.ts";
import { expectError, kidsSessionToken, request, staffToken, viewerToken } from "./helpers.ts";

let titles: CatalogTitle[];
const pg = () => titles.filter((t) => t.published === 1 && t.maturity_rank <= 1);

beforeAll(async () => {
  await loadDemoCatalog();
  titles = await catalogTitles();
});

async function myList(token: string) {
  return (
    (await (await request("/api/my-list", { token })).json()) as { titles: { id: string }[] }
  ).titles.map((t) => t.id);
}

async function viewerState(token: string, titleId: string) {
  const response = await request(`/api/titles/${titleId}`, { token });
  return ((await response.json()) as { viewer: { inMyList: boolean; rating: string | null } })
    .viewer;
}

const listCount = async (titleId: string) =>
  (await env.DB.prepare("select my_list_count as n from titles where id = ?")
    .bind(titleId)
    .first<{ n: number }>())!.n;

describe("My List", () => {
  it("adds a title once however often it is added, newest first", async () => {
    const { token } = await viewerToken();
    const [a, b] = pg();
    const countBefore = await listCount(a!.id);
    for (const id of [a!.id, b!.id, a!.id])
      expect((await request(`/api/my-list/${id}`, { method: "PUT", token })).status).toBe(204);
    expect(await myList(token)).toEqual([b!.id, a!.id]);
    expect(await listCount(a!.id)).toBe(countBefore + 1);
    expect((await viewerState(token, a!.id)).inMyList).toBe(true);
  });

  it("removes a title, and removing it again is fine", async () => {
    const { token } = await viewerToken();
    const [a] = pg();
    await request(`/api/my-list/${a!.id}`, { method: "PUT", token });
    const countListed = await listCount(a!.id);
    for (let i = 0; i < 2; i++)
      expect((await request(`/api/my-list/${a!.id}`, { method: "DELETE", token })).status).toBe(
        204,
      );
    expect(await myList(token)).toEqual([]);
    expect(await listCount(a!.id)).toBe(countListed - 1);
  });

  it("is per profile", async () => {
    const first = await viewerToken();
    const other = await viewerToken();
    await request(`/api/my-list/${pg()[0]!.id}`, { method: "PUT", token: first.token });
    expect(await myList(other.token)).toEqual([]);
  });
});

describe("ratings", () => {
  it("sets, changes and clears a thumbs rating", async () => {
    const { token } = await viewerToken();
    const id = pg()[0]!.id;
    for (const rating of ["up", "double_up", "down"]) {
      expect(
        (await request(`/api/titles/${id}/rating`, { method: "PUT", token, body: { rating } }))
          .status,
      ).toBe(204);
      expect((await viewerState(token, id)).rating).toBe(rating);
    }
    expect((await request(`/api/titles/${id}/rating`, { method: "DELETE", token })).status).toBe(
      204,
    );
    expect((await viewerState(token, id)).rating).toBeNull();
  });

  it("refuses ratings other than the three thumbs", async () => {
    const { token } = await viewerToken();
    const response = await request(`/api/titles/${pg()[0]!.id}/rating`, {
      method: "PUT",
      token,
      body: { rating: "five_stars" },
    });
    await expectError(response, 400, "validation_failed");
  });
});

describe("reviews", () => {
  const text = "A warm, funny film that the whole family enjoyed.";

  it("keeps a new review pending: its author sees it, others don't until a moderator approves", async () => {
    const author = await viewerToken();
    const reader = await viewerToken();
    const id = pg()[1]!.id;
    const written = await request(`/api/titles/${id}/review`, {
      method: "PUT",
      token: author.token,
      body: { body: text },
    });
    expect(written.status).toBe(200);
    const review = (await written.json()) as { id: string; moderationState: string; mine: boolean };
    expect(review).toMatchObject({ moderationState: "pending", mine: true });

    const reviewsFor = async (token: string) =>
      (
        (await (await request(`/api/titles/${id}/reviews`, { token })).json()) as {
          reviews: { id: string }[];
        }
      ).reviews.map((r) => r.id);
    expect(await reviewsFor(author.token)).toContain(review.id);
    expect(await reviewsFor(reader.token)).not.toContain(review.id);

    const { token: moderator } = await staffToken();
    const queue = (await (
      await request("/api/admin/reviews?state=pending", { token: moderator })
    ).json()) as { reviews: { id: string }[] };
    expect(queue.reviews.map((r) => r.id)).toContain(review.id);
    expect(
      (
        await request(`/api/admin/reviews/${review.id}`, {
          method: "PATCH",
          token: moderator,
          body: { state: "approved" },
        })
      ).status,
    ).toBe(204);
    expect(await reviewsFor(reader.token)).toContain(review.id);

    // Editing an approved review sends it back to moderation.
    await request(`/api/titles/${id}/review`, {
      method: "PUT",
      token: author.token,
      body: { body: `${text} Even better the second time.` },
    });
    expect(await reviewsFor(reader.token)).not.toContain(review.id);
  });

  it("bars kids profiles from reviewing", async () => {
    const { account } = await viewerToken();
    const kids = await kidsSessionToken(account.accessToken);
    const response = await request(`/api/titles/${pg()[0]!.id}/review`, {
      method: "PUT",
      token: kids,
      body: { body: text },
    });
    await expectError(response, 403, "forbidden");
  });

  it("limits a review's length", async () => {
    const { token } = await viewerToken();
    const id = pg()[0]!.id;
    await expectError(
      await request(`/api/titles/${id}/review`, {
        method: "PUT",
        token,
        body: { body: "Too short" },
      }),
      400,
      "validation_failed",
    );
    await expectError(
      await request(`/api/titles/${id}/review`, {
        method: "PUT",
        token,
        body: { body: "x".repeat(2001) },
      }),
      400,
      "validation_failed",
    );
  });

  it("pages through reviews, newest first", async () => {
    const id = pg()[2]!.id;
    const { token: moderator } = await staffToken();
    for (let i = 0; i < 3; i++) {
      const { token } = await viewerToken();
      const { id: reviewId } = (await (
        await request(`/api/titles/${id}/review`, {
          method: "PUT",
          token,
          body: { body: `${text} #${i}` },
        })
      ).json()) as { id: string };
      await request(`/api/admin/reviews/${reviewId}`, {
        method: "PATCH",
        token: moderator,
        body: { state: "approved" },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { token } = await viewerToken();
    const first = (await (
      await request(`/api/titles/${id}/reviews?limit=2`, { token })
    ).json()) as { reviews: { body: string }[]; nextBefore: string };
    expect(first.reviews.map((r) => r.body.at(-1))).toEqual(["2", "1"]);
    const second = (await (
      await request(
        `/api/titles/${id}/reviews?limit=2&before=${encodeURIComponent(first.nextBefore)}`,
        { token },
      )
    ).json()) as { reviews: { body: string }[]; nextBefore: string | null };
    expect(second.reviews.map((r) => r.body.at(-1))).toEqual(["0"]);
    expect(second.nextBefore).toBeNull();
  });
});
