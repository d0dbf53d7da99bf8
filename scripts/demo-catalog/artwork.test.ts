/**
 * The generated artwork: safe to serve (it would pass the api Worker's SVG
 * upload check), content-addressed, within size, and byte-for-byte stable.
 */
import { createHash } from "node:crypto";
import { isSafeSvg } from "../../lib/catalog/svg-safety.ts";
import { describe, expect, it } from "vitest";
import { artworkKey, buildTitleArtwork, type TitleArtwork } from "./artwork.ts";
import { buildDemoCatalog } from "./catalog.ts";
import { escapeXml } from "./svg.ts";

const catalog = buildDemoCatalog();
const artwork = catalog.titles.map((title) => ({ title, art: buildTitleArtwork(title) }));
const images = artwork.flatMap(({ art }) => [art.poster, art.backdrop, art.logo]);

/** Tags open and close in order (a cheap well-formedness check without an XML parser). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([\w:-]+)[^>]*?(\/?)>/g)) {
    if (closing) {
      if (stack.pop() !== name) return false;
    } else if (!selfClosing) stack.push(name!);
  }
  return stack.length === 0;
}

describe("demo artwork", () => {
  it("draws a poster, a backdrop and a logo per title, each distinct", () => {
    expect(images).toHaveLength(catalog.titles.length * 3);
    expect(new Set(images.map((image) => image.key)).size).toBe(images.length);
  });

  it("is inert, self-contained SVG", () => {
    for (const { body } of images) {
      expect(body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(body.endsWith("</svg>")).toBe(true);
      expect(balanced(body)).toBe(true);
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toMatch(/foreignObject/i);
      expect(body).not.toMatch(/\son[a-z]+\s*=/i);
      expect(body).not.toMatch(/<(image|use|a|iframe|style)\b/i);
      expect(body).not.toMatch(/javascript:|@import|data:/i);
      // Links only to fragments of the same document.
      for (const [, target] of body.matchAll(/href\s*=\s*"([^"]*)"/gi))
        expect(target).toMatch(/^#/);
      for (const [, target] of body.matchAll(/url\(([^)]*)\)/g)) expect(target).toMatch(/^#/);
      // The api Worker would accept it as an upload.
      expect(isSafeSvg(body)).toBe(true);
      // The only URL is the SVG namespace.
      expect(body.match(/https?:\/\/[^"]*/g)).toEqual(["http://www.w3.org/2000/svg"]);
    }
  });

  it("stays under 12 KB per image", () => {
    for (const { body } of images) expect(Buffer.byteLength(body)).toBeLessThan(12 * 1024);
  });

  it("stores each image under the sha256 of its bytes", () => {
    for (const image of images) {
      const digest = createHash("sha256").update(Buffer.from(image.body, "utf8")).digest("hex");
      expect(image.key).toBe(`artwork/${digest}.svg`);
      expect(artworkKey(image.body)).toBe(image.key);
      expect(image.contentType).toBe("image/svg+xml");
    }
  });

  it("sets the name on the poster and logo, and keeps text off the backdrop", () => {
    for (const { title, art } of artwork) {
      expect(art.poster.body).toContain('viewBox="0 0 400 600"');
      expect(art.backdrop.body).toContain('viewBox="0 0 1280 720"');
      expect(art.logo.body).toContain('viewBox="0 0 800 200"');
      expect(art.backdrop.body).not.toContain("<text");
      for (const word of title.name.split(" ")) {
        const escaped = escapeXml(word);
        for (const body of [art.poster.body, art.logo.body]) {
          expect(body.includes(escaped) || body.includes(escapeXml(word.toUpperCase()))).toBe(true);
        }
      }
      // The logo is type on transparency: no background fill.
      expect(art.logo.body).not.toContain("<rect");
    }
  });

  it("draws the same bytes every time", () => {
    const again: TitleArtwork[] = catalog.titles.map((title) => buildTitleArtwork(title));
    expect(again.flatMap((art) => [art.poster, art.backdrop, art.logo])).toEqual(images);
  });
});
