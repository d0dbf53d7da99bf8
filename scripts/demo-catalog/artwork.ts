/**
 * A title's artwork, drawn locally as SVG: a poster (2:3) with the name set
 * large over the genre's motif, a backdrop (16:9, motif only, darkened on
 * the left and bottom where the apps put their text), and a logo (the name
 * as styled type on transparency). Each image is stored in R2 under a
 * content address, `artwork/<sha256 of the bytes>.svg`, like uploaded art.
 *
 * The SVG is self-contained and inert: no scripts, no event attributes, no
 * foreignObject, no links (gradients are referenced with `url(#id)`), and
 * only generic system font stacks, so it renders the same offline.
 */
import { createHash } from "node:crypto";
import { MOTIFS, type Canvas } from "./artwork-motifs.ts";
import { PALETTES, TYPEFACES, type Palette, type Typeface } from "./artwork-palettes.ts";
import { GENRE_NAMES, type GenreId } from "./genres.ts";
import { hashString, randomFor, type Random } from "./random.ts";
import { el, escapeXml, linearGradient, num } from "./svg.ts";

export const ARTWORK_CONTENT_TYPE = "image/svg+xml";

export interface ArtworkImage {
  key: string;
  contentType: typeof ARTWORK_CONTENT_TYPE;
  body: string;
}

export interface TitleArtwork {
  poster: ArtworkImage;
  backdrop: ArtworkImage;
  logo: ArtworkImage;
}

export interface TitleToDraw {
  slug: string;
  name: string;
  /** Main genre first: it picks the motif, palette and typeface. */
  genres: readonly GenreId[];
}

/** The R2 key of an image: its SHA-256, so identical bytes share one object. */
export function artworkKey(body: string): string {
  return `artwork/${createHash("sha256").update(body, "utf8").digest("hex")}.svg`;
}

function image(body: string): ArtworkImage {
  return { key: artworkKey(body), contentType: ARTWORK_CONTENT_TYPE, body };
}

const NARROW = new Set("iIl.,'’:;!|");
const SEMI = new Set("fjtr1 -");
const WIDE = new Set("MWmw@");

/** The width of `text` in ems, estimated from letter classes (no font metrics offline). */
function textWidth(text: string, face: Typeface): number {
  let width = 0;
  for (const char of text) {
    if (NARROW.has(char)) width += 0.3;
    else if (SEMI.has(char)) width += 0.4;
    else if (WIDE.has(char)) width += 0.92;
    else if (char !== char.toLowerCase()) width += 0.7;
    else width += 0.56;
  }
  return width * (face.advance / 0.58) + face.tracking * Math.max(0, text.length - 1);
}

interface Layout {
  lines: string[];
  size: number;
}

/**
 * Splits the name into at most `maxLines` lines (at spaces) and picks the
 * split that allows the largest type within `maxWidth` × `maxHeight`,
 * with extra lines and stub lines discounted; near ties go to fewer lines.
 */
function layoutName(
  name: string,
  face: Typeface,
  box: {
    maxWidth: number;
    maxHeight: number;
    maxSize: number;
    maxLines: number;
    leading: number;
    /** How much each extra line must gain in size to be worth it (0.1 = 10 %). */
    linePenalty: number;
  },
): Layout {
  const words = (face.uppercase ? name.toUpperCase() : name).split(" ");
  let best = { lines: [words.join(" ")], size: 0, score: 0 };
  const tryLines = (lines: string[]) => {
    const widths = lines.map((line) => textWidth(line, face));
    const widest = Math.max(...widths);
    const size = Math.min(
      box.maxSize,
      box.maxWidth / widest,
      box.maxHeight / (lines.length * box.leading),
    );
    // A stub line ("A" over "Pony Called Tilly") looks broken: count it as smaller type.
    const stub = lines.length > 1 && Math.min(...widths) < widest * 0.3;
    const score = size * (stub ? 0.8 : 1) * (1 - box.linePenalty * (lines.length - 1));
    if (
      score > best.score * 1.02 ||
      (score > best.score * 0.98 && lines.length < best.lines.length)
    ) {
      best = { lines, size, score };
    }
  };
  // Every way to break the words into 1..maxLines lines; names are a handful of words.
  const split = (from: number, lines: string[]) => {
    if (from === words.length) return tryLines(lines);
    if (lines.length === box.maxLines) return;
    for (let to = from + 1; to <= words.length; to++) {
      split(to, [...lines, words.slice(from, to).join(" ")]);
    }
  };
  split(0, []);
  return { lines: best.lines, size: best.size };
}

/** A canvas for one image, with definitions collected under ids unique to the title. */
function canvas(
  slug: string,
  kind: string,
  width: number,
  height: number,
  palette: Palette,
  random: Random,
  focus: Canvas["focus"],
) {
  const prefix = `${kind[0]}${hashString(slug).toString(36)}-`;
  const defs: string[] = [];
  const c: Canvas = {
    width,
    height,
    random,
    palette,
    focus,
    def(name, build) {
      const id = prefix + name;
      if (!defs.some((def) => def.includes(`id="${id}"`))) defs.push(build(id));
      return `url(#${id})`;
    },
  };
  return { c, defs, id: (name: string) => prefix + name };
}

function svg(width: number, height: number, defs: string[], content: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    (defs.length > 0 ? `<defs>${defs.join("")}</defs>` : "") +
    content +
    "</svg>"
  );
}

function paletteOf(title: TitleToDraw): Palette {
  return randomFor(`artwork:palette:${title.slug}`).pick(PALETTES[title.genres[0]!]);
}

/** The sky: the palette's three colours top to bottom. */
function sky(c: Canvas): string {
  const fill = c.def("sky", (id) =>
    linearGradient(
      id,
      c.palette.sky.map((color, i) => ({ offset: i / 2, color })),
    ),
  );
  return el("rect", { width: c.width, height: c.height, fill });
}

/** Lines of type, centred on `x`, the last baseline at `bottom`. */
function typeset(
  layout: Layout,
  face: Typeface,
  palette: Palette,
  x: number,
  firstBaseline: number,
  leading: number,
  fill: string,
): string {
  const lines = layout.lines
    .map((line, i) =>
      el("text", { x, y: firstBaseline + i * layout.size * leading }, escapeXml(line)),
    )
    .join("");
  const outline = palette.inkStroke
    ? {
        stroke: palette.inkStroke,
        "stroke-width": layout.size * 0.12,
        "stroke-linejoin": "round",
        "paint-order": "stroke",
      }
    : {};
  return el(
    "g",
    {
      "font-family": face.family,
      "font-weight": face.weight,
      "font-size": layout.size,
      "letter-spacing": face.tracking > 0 ? `${num(face.tracking)}em` : undefined,
      "text-anchor": "middle",
      fill,
      ...outline,
    },
    lines,
  );
}

export function drawPoster(title: TitleToDraw): string {
  const width = 400;
  const height = 600;
  const palette = paletteOf(title);
  const random = randomFor(`artwork:poster:${title.slug}`);
  const main = title.genres[0]!;
  const face = TYPEFACES[main];
  // The focal object sits in the upper half, clear of the title.
  const focus = {
    x: width * random.float(0.3, 0.7),
    y: height * random.float(0.2, 0.32),
    size: width * 0.3,
  };
  const { c, defs } = canvas(title.slug, "poster", width, height, palette, random, focus);
  const parts = [sky(c), MOTIFS[main](c)];

  // A fade behind the title for legibility; bright kids' art gets a lighter one and an outlined title.
  const fade = c.def("fade", (id) =>
    linearGradient(id, [
      { offset: 0, color: palette.shade, opacity: 0 },
      { offset: 1, color: palette.shade, opacity: palette.inkStroke ? 0.45 : 0.92 },
    ]),
  );
  parts.push(el("rect", { y: height * 0.45, width, height: height * 0.55, fill: fade }));

  const leading = 1.04;
  const layout = layoutName(title.name, face, {
    maxWidth: width - 64,
    maxHeight: 210,
    maxSize: 78,
    maxLines: 3,
    leading,
    linePenalty: 0.03,
  });
  const bottom = height - 70;
  const first = bottom - (layout.lines.length - 1) * layout.size * leading;
  if (!palette.inkStroke) {
    // A soft drop shadow: the same lines, dark and nudged down.
    parts.push(
      el(
        "g",
        { "fill-opacity": 0.45 },
        typeset(layout, face, palette, width / 2, first + 3, leading, "#000000"),
      ),
    );
  }
  parts.push(typeset(layout, face, palette, width / 2, first, leading, palette.ink));

  const genreLine = title.genres.map((genre) => GENRE_NAMES[genre].toUpperCase()).join("  ·  ");
  parts.push(
    el(
      "text",
      {
        x: width / 2,
        y: height - 32,
        "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "font-size": 12,
        "font-weight": 600,
        "letter-spacing": "0.2em",
        "text-anchor": "middle",
        fill: palette.ink,
        "fill-opacity": 0.8,
      },
      escapeXml(genreLine),
    ),
  );
  if (hashString(title.slug) % 5 < 2) {
    // The service's mark (the web app's --color-brand) on its "originals", top left.
    parts.push(
      el(
        "text",
        {
          x: 22,
          y: 46,
          "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
          "font-size": 30,
          "font-weight": 900,
          fill: "#e50914",
        },
        "M",
      ),
    );
  }
  return svg(width, height, defs, parts.join(""));
}

export function drawBackdrop(title: TitleToDraw): string {
  const width = 1280;
  const height = 720;
  const palette = paletteOf(title);
  const random = randomFor(`artwork:backdrop:${title.slug}`);
  const main = title.genres[0]!;
  // The focal object on the right: the apps overlay the title and buttons on the left.
  const focus = {
    x: width * random.float(0.66, 0.8),
    y: height * random.float(0.3, 0.42),
    size: height * 0.28,
  };
  const { c, defs } = canvas(title.slug, "backdrop", width, height, palette, random, focus);
  const left = c.def("left", (id) =>
    linearGradient(
      id,
      [
        { offset: 0, color: "#000000", opacity: 0.85 },
        { offset: 0.55, color: "#000000", opacity: 0 },
      ],
      { x1: 0, y1: 0, x2: 1, y2: 0 },
    ),
  );
  const bottom = c.def("bottom", (id) =>
    linearGradient(id, [
      { offset: 0.6, color: "#000000", opacity: 0 },
      { offset: 1, color: "#000000", opacity: 0.7 },
    ]),
  );
  const content = [
    sky(c),
    MOTIFS[main](c),
    el("rect", { width, height, fill: left }),
    el("rect", { width, height, fill: bottom }),
  ].join("");
  return svg(width, height, defs, content);
}

export function drawLogo(title: TitleToDraw): string {
  const width = 800;
  const height = 200;
  const palette = paletteOf(title);
  const face = TYPEFACES[title.genres[0]!];
  const { c, defs } = canvas(
    title.slug,
    "logo",
    width,
    height,
    palette,
    randomFor(`artwork:logo:${title.slug}`),
    {
      x: 0,
      y: 0,
      size: 0,
    },
  );
  const leading = 0.98;
  const layout = layoutName(title.name, face, {
    maxWidth: width - 60,
    maxHeight: height - 30,
    maxSize: 110,
    maxLines: 2,
    leading,
    linePenalty: 0.15,
  });
  const fill = c.def("ink", (id) =>
    linearGradient(id, [
      { offset: 0.3, color: palette.ink },
      { offset: 1, color: palette.accent },
    ]),
  );
  // Centre the block: cap height is roughly 0.72 em.
  const block = (layout.lines.length - 1) * layout.size * leading + layout.size * 0.72;
  const first = (height - block) / 2 + layout.size * 0.72;
  const outlined: Palette = { ...palette, inkStroke: palette.inkStroke ?? palette.shade };
  return svg(width, height, defs, typeset(layout, face, outlined, width / 2, first, leading, fill));
}

export function buildTitleArtwork(title: TitleToDraw): TitleArtwork {
  return {
    poster: image(drawPoster(title)),
    backdrop: image(drawBackdrop(title)),
    logo: image(drawLogo(title)),
  };
}
