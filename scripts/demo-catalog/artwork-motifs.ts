/**
 * The pictures behind the titles: one geometric composition per genre
 * family, drawn with the genre's palette and the title's own random stream,
 * so every poster is different but a shelf of one genre hangs together —
 * starfields for Sci-Fi, soft round shapes for kids, hard angles and dark
 * red for Thriller and Horror, a night skyline for Crime, and so on.
 *
 * Motifs draw on any canvas size; `focus` says where the focal object (a
 * planet, a moon, a sun) goes, which the poster keeps clear of its title and
 * the backdrop keeps to the right, away from the app's text overlay.
 */
import type { Palette } from "./artwork-palettes.ts";
import type { GenreId } from "./genres.ts";
import type { Random } from "./random.ts";
import { el, num, pathFrom, radialGradient } from "./svg.ts";

export interface Canvas {
  width: number;
  height: number;
  random: Random;
  palette: Palette;
  /** Centre and size (px) of the focal object. */
  focus: { x: number; y: number; size: number };
  /** Adds a definition (a gradient) built for the unique `id` given, and returns `url(#id)`. */
  def(name: string, build: (id: string) => string): string;
}

export type Motif = (canvas: Canvas) => string;

/** A radial glow: the colour fading to nothing. */
function glow(c: Canvas, name: string, color: string, opacity: number): string {
  return c.def(name, (id) =>
    radialGradient(id, [
      { offset: 0, color, opacity },
      { offset: 1, color, opacity: 0 },
    ]),
  );
}

/** A four-pointed sparkle centred on (x, y). */
function sparkle(x: number, y: number, r: number, fill: string, opacity: number): string {
  const t = r * 0.18;
  const d = pathFrom([
    [x, y - r],
    [x + t, y - t],
    [x + r, y],
    [x + t, y + t],
    [x, y + r],
    [x - t, y + t],
    [x - r, y],
    [x - t, y - t],
  ]);
  return el("path", { d, fill, "fill-opacity": opacity });
}

/** A skyline-like ridge: points along the width with heights around `base`. */
function ridge(c: Canvas, base: number, jitter: number, steps: number, jagged: boolean) {
  const { width, height, random } = c;
  const points: [number, number][] = [[0, height]];
  for (let i = 0; i <= steps; i++) {
    const x = (width * i) / steps;
    const peak = jagged && i % 2 === 1 ? jitter * random.float(0.6, 1.6) : 0;
    points.push([x, base - random.float(0, jitter) - peak]);
  }
  points.push([width, height]);
  return pathFrom(points);
}

const starfield: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  const nebula = glow(c, "nebula", palette.accent2, 0.45);
  parts.push(
    el("ellipse", {
      cx: random.float(0.2, 0.8) * width,
      cy: random.float(0.2, 0.6) * height,
      rx: width * random.float(0.4, 0.7),
      ry: height * random.float(0.25, 0.4),
      fill: nebula,
    }),
  );
  const stars: string[] = [];
  const count = Math.min(130, Math.round((width * height) / 2200));
  for (let i = 0; i < count; i++) {
    stars.push(
      el("circle", {
        cx: random.float(0, width),
        cy: random.float(0, height),
        r: random.next() < 0.9 ? random.float(0.4, 1.2) : random.float(1.4, 2.2),
        "fill-opacity": random.float(0.35, 1),
      }),
    );
  }
  parts.push(el("g", { fill: "#ffffff" }, stars.join("")));
  for (let i = 0; i < 3; i++) {
    parts.push(
      sparkle(
        random.float(0, width),
        random.float(0, height * 0.7),
        random.float(6, 12),
        "#ffffff",
        0.85,
      ),
    );
  }
  // The planet: lit from one side, with a tilted ring.
  const surface = c.def("planet", (id) =>
    el(
      "radialGradient",
      { id, cx: 0.35, cy: 0.3, r: 0.8 },
      [
        el("stop", { offset: 0, "stop-color": palette.accent }),
        el("stop", { offset: 0.55, "stop-color": palette.accent2, "stop-opacity": 0.85 }),
        el("stop", { offset: 1, "stop-color": palette.shade }),
      ].join(""),
    ),
  );
  const r = focus.size * random.float(0.42, 0.6);
  const tilt = random.float(-28, -8);
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: r * 1.5,
      fill: glow(c, "halo", palette.accent, 0.35),
    }),
  );
  parts.push(el("circle", { cx: focus.x, cy: focus.y, r, fill: surface }));
  parts.push(
    el("ellipse", {
      cx: focus.x,
      cy: focus.y,
      rx: r * 1.7,
      ry: r * 0.32,
      fill: "none",
      stroke: palette.accent,
      "stroke-width": Math.max(2, r * 0.05),
      "stroke-opacity": 0.7,
      transform: `rotate(${num(tilt)} ${num(focus.x)} ${num(focus.y)})`,
    }),
  );
  if (random.chance(0.6)) {
    // A small moon on a longer orbit.
    const angle = random.float(0, Math.PI * 2);
    parts.push(
      el("circle", {
        cx: focus.x + Math.cos(angle) * r * 2.3,
        cy: focus.y + Math.sin(angle) * r * 1.4,
        r: r * 0.16,
        fill: palette.accent2,
      }),
    );
  }
  return parts.join("");
};

const softShapes: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  const unit = Math.min(width, height);
  // The sun, with a soft halo.
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 0.9,
      fill: glow(c, "sun", palette.accent, 0.6),
    }),
  );
  parts.push(
    el("circle", { cx: focus.x, cy: focus.y, r: focus.size * 0.42, fill: palette.accent }),
  );
  // Big soft bubbles.
  for (let i = 0; i < 8; i++) {
    parts.push(
      el("circle", {
        cx: random.float(0, width),
        cy: random.float(0, height * 0.75),
        r: unit * random.float(0.04, 0.16),
        fill: random.pick(["#ffffff", palette.accent2, palette.accent]),
        "fill-opacity": random.float(0.2, 0.45),
      }),
    );
  }
  // Fluffy clouds: overlapping circles on a flat base.
  for (let i = 0; i < 3; i++) {
    const x = random.float(0.05, 0.85) * width;
    const y = random.float(0.12, 0.5) * height;
    const s = unit * random.float(0.05, 0.08);
    const puffs = [
      [0, 0, 1],
      [s * 1.1, -s * 0.5, 1.3],
      [s * 2.3, 0, 1],
      [s * 1.2, s * 0.25, 1.1],
    ]
      .map(([dx, dy, k]) => el("circle", { cx: x + dx!, cy: y + dy!, r: s * k! }))
      .join("");
    parts.push(el("g", { fill: "#ffffff", "fill-opacity": 0.92 }, puffs));
  }
  // Rolling hills, back to front.
  for (let layer = 0; layer < 3; layer++) {
    const base = height * (0.62 + layer * 0.1);
    const amp = height * random.float(0.03, 0.07);
    const d =
      `M0 ${num(base)}` +
      `Q${num(width * 0.25)} ${num(base - amp * 2)} ${num(width * 0.5)} ${num(base)}` +
      `T${num(width)} ${num(base - amp * random.float(0, 1))}` +
      `L${num(width)} ${num(height)}L0 ${num(height)}Z`;
    parts.push(el("path", { d, fill: palette.shade, "fill-opacity": 0.45 + layer * 0.25 }));
  }
  return parts.join("");
};

const shards: Motif = (c) => {
  const { width, height, random, palette } = c;
  const parts: string[] = [];
  for (let i = 0; i < 11; i++) {
    const cx = random.float(-0.1, 1.1) * width;
    const cy = random.float(-0.1, 1.0) * height;
    const s = Math.max(width, height) * random.float(0.15, 0.45);
    const a = random.float(0, Math.PI * 2);
    const points: [number, number][] = [0, 2.1, 4.0].map((offset) => {
      const angle = a + offset + random.float(-0.4, 0.4);
      return [cx + Math.cos(angle) * s, cy + Math.sin(angle) * s * random.float(0.4, 1)];
    });
    parts.push(
      el("path", {
        d: pathFrom(points),
        fill: random.pick([palette.accent2, palette.shade, palette.accent]),
        "fill-opacity": random.float(0.08, 0.35),
      }),
    );
  }
  // The slash: one hard diagonal of the accent colour.
  const y0 = random.float(0.15, 0.45) * height;
  const y1 = y0 + random.float(-0.3, 0.3) * height;
  const thick = Math.min(width, height) * 0.012;
  parts.push(
    el("path", {
      d: pathFrom([
        [-10, y0],
        [width + 10, y1],
        [width + 10, y1 + thick],
        [-10, y0 + thick * 3],
      ]),
      fill: palette.accent,
      "fill-opacity": 0.9,
    }),
  );
  const scratches: string[] = [];
  for (let i = 0; i < 14; i++) {
    const x = random.float(0, width);
    const y = random.float(0, height);
    const len = random.float(20, 90);
    const angle = random.float(-1.2, -0.5);
    scratches.push(
      pathFrom(
        [
          [x, y],
          [x + Math.cos(angle) * len, y + Math.sin(angle) * len],
        ],
        false,
      ),
    );
  }
  parts.push(
    el("path", {
      d: scratches.join(""),
      fill: "none",
      stroke: palette.accent,
      "stroke-opacity": 0.35,
      "stroke-width": 1.2,
    }),
  );
  return parts.join("") + vignette(c);
};

/** Darkened corners, for the genres that want to feel closed in. */
function vignette(c: Canvas): string {
  const fill = c.def("vignette", (id) =>
    el(
      "radialGradient",
      { id, r: 0.75 },
      [
        el("stop", { offset: 0.45, "stop-color": "#000000", "stop-opacity": 0 }),
        el("stop", { offset: 1, "stop-color": "#000000", "stop-opacity": 0.75 }),
      ].join(""),
    ),
  );
  return el("rect", { width: c.width, height: c.height, fill });
}

const haunted: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 1.1,
      fill: glow(c, "moonlight", palette.accent, 0.4),
    }),
  );
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 0.42,
      fill: palette.accent,
      "fill-opacity": 0.92,
    }),
  );
  // Fog, tinted with blood.
  for (let i = 0; i < 4; i++) {
    parts.push(
      el("ellipse", {
        cx: random.float(0.1, 0.9) * width,
        cy: height * random.float(0.5, 0.75),
        rx: width * random.float(0.3, 0.6),
        ry: height * random.float(0.03, 0.07),
        fill: palette.accent2,
        "fill-opacity": random.float(0.15, 0.3),
      }),
    );
  }
  // Dead trees: crooked trunks with a few bare branches.
  const branches: string[] = [];
  for (let i = 0; i < 4; i++) {
    let x = random.float(0.02, 0.98) * width;
    let y = height * 0.78;
    const top = height * random.float(0.3, 0.5);
    const trunk: [number, number][] = [[x, y]];
    while (y > top) {
      y -= height * 0.06;
      x += random.float(-10, 10);
      trunk.push([x, y]);
      if (random.chance(0.5)) {
        const side = random.chance(0.5) ? 1 : -1;
        branches.push(
          pathFrom(
            [
              [x, y],
              [x + side * random.float(15, 45), y - random.float(10, 35)],
            ],
            false,
          ),
        );
      }
    }
    branches.push(pathFrom(trunk, false));
  }
  parts.push(
    el("path", {
      d: branches.join(""),
      stroke: palette.shade,
      "stroke-width": 4,
      "stroke-linecap": "round",
      fill: "none",
    }),
  );
  parts.push(
    el("path", { d: ridge(c, height * 0.8, height * 0.04, 24, true), fill: palette.shade }),
  );
  return parts.join("") + vignette(c);
};

const skyline: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: height * 0.62,
      r: focus.size * 1.6,
      fill: glow(c, "citylight", palette.accent2, 0.5),
    }),
  );
  // Searchlight beams from below.
  for (let i = 0; i < 2; i++) {
    const x = random.float(0.2, 0.8) * width;
    const spread = width * random.float(0.08, 0.16);
    const lean = random.float(-0.4, 0.4) * width;
    parts.push(
      el("path", {
        d: pathFrom([
          [x, height * 0.7],
          [x + lean - spread, -10],
          [x + lean + spread, -10],
        ]),
        fill: palette.accent,
        "fill-opacity": 0.08,
      }),
    );
  }
  const buildings: string[] = [];
  const windows: string[] = [];
  let x = -5;
  while (x < width) {
    const w = width * random.float(0.05, 0.11);
    const h = height * random.float(0.15, 0.5);
    const top = height * 0.8 - h;
    buildings.push(el("rect", { x, y: top, width: w + 1, height: h + height * 0.2 }));
    for (let k = 0; k < 4 && windows.length < 60; k++) {
      if (random.chance(0.7)) {
        windows.push(
          el("rect", {
            x: x + random.float(0.15, 0.75) * w,
            y: top + random.float(0.08, 0.8) * h,
            width: Math.max(3, w * 0.1),
            height: Math.max(4, w * 0.13),
          }),
        );
      }
    }
    x += w;
  }
  parts.push(el("g", { fill: palette.shade }, buildings.join("")));
  parts.push(el("g", { fill: palette.accent, "fill-opacity": 0.75 }, windows.join("")));
  // Rain, slanting across everything.
  const rain: string[] = [];
  for (let i = 0; i < 45; i++) {
    const rx = random.float(0, width + 60);
    const ry = random.float(0, height);
    const len = random.float(12, 30);
    rain.push(
      pathFrom(
        [
          [rx, ry],
          [rx - len * 0.35, ry + len],
        ],
        false,
      ),
    );
  }
  parts.push(
    el("path", {
      d: rain.join(""),
      fill: "none",
      stroke: "#ffffff",
      "stroke-opacity": 0.18,
      "stroke-width": 1,
    }),
  );
  return parts.join("") + vignette(c);
};

/** A sun on the horizon over water; romance adds bokeh, drama adds birds and far hills. */
function horizon(bokeh: boolean): Motif {
  return (c) => {
    const { width, height, random, palette, focus } = c;
    const parts: string[] = [];
    const line = height * 0.6;
    parts.push(
      el("circle", {
        cx: focus.x,
        cy: line,
        r: focus.size * 1.4,
        fill: glow(c, "sunset", palette.accent, 0.55),
      }),
    );
    parts.push(
      el("circle", {
        cx: focus.x,
        cy: line,
        r: focus.size * 0.45,
        fill: palette.accent,
        "fill-opacity": 0.95,
      }),
    );
    if (!bokeh)
      parts.push(
        el("path", {
          d: ridge(c, line, height * 0.04, 12, false),
          fill: palette.shade,
          "fill-opacity": 0.45,
        }),
      );
    parts.push(
      el("rect", {
        y: line,
        width,
        height: height - line,
        fill: palette.shade,
        "fill-opacity": 0.55,
      }),
    );
    // The sun's reflection breaking up on the water.
    const streaks: string[] = [];
    for (let i = 0; i < 9; i++) {
      const y = line + (i + 1) * height * 0.025;
      const half = focus.size * 0.5 * (1 - i * 0.08) * random.float(0.6, 1.1);
      streaks.push(
        pathFrom(
          [
            [focus.x - half, y],
            [focus.x + half, y],
          ],
          false,
        ),
      );
    }
    parts.push(
      el("path", {
        d: streaks.join(""),
        fill: "none",
        stroke: palette.accent,
        "stroke-opacity": 0.5,
        "stroke-width": 3,
        "stroke-linecap": "round",
      }),
    );
    if (bokeh) {
      for (let i = 0; i < 16; i++) {
        parts.push(
          el("circle", {
            cx: random.float(0, width),
            cy: random.float(0, height * 0.8),
            r: Math.min(width, height) * random.float(0.02, 0.07),
            fill: random.pick([palette.accent, palette.accent2]),
            "fill-opacity": random.float(0.1, 0.3),
          }),
        );
      }
    } else {
      const birds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const bx = random.float(0.1, 0.9) * width;
        const by = random.float(0.12, 0.4) * height;
        const s = random.float(6, 11);
        birds.push(
          `M${num(bx - s)} ${num(by - s * 0.4)}Q${num(bx - s * 0.4)} ${num(by - s * 0.6)} ${num(bx)} ${num(by)}Q${num(bx + s * 0.4)} ${num(by - s * 0.6)} ${num(bx + s)} ${num(by - s * 0.4)}`,
        );
      }
      parts.push(
        el("path", { d: birds.join(""), stroke: palette.shade, "stroke-width": 2, fill: "none" }),
      );
    }
    return parts.join("");
  };
}

const speed: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 1.6,
      fill: glow(c, "blast", palette.accent, 0.7),
    }),
  );
  // Big angled bands, like a chevron cutting through the frame.
  const angle = random.float(-0.5, -0.25);
  for (let i = 0; i < 3; i++) {
    const offset = (i - 1) * height * 0.22 + random.float(-20, 20);
    const band = height * random.float(0.04, 0.12);
    const y0 = height * 0.5 + offset;
    const y1 = y0 + Math.tan(angle) * width;
    parts.push(
      el("path", {
        d: pathFrom([
          [0, y0],
          [width, y1],
          [width, y1 + band],
          [0, y0 + band],
        ]),
        fill: i === 1 ? palette.accent : palette.accent2,
        "fill-opacity": i === 1 ? 0.35 : 0.12,
      }),
    );
  }
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const x = random.float(-0.2, 1) * width;
    const y = random.float(0, 1.2) * height;
    const len = random.float(0.1, 0.4) * width;
    lines.push(
      pathFrom(
        [
          [x, y],
          [x + len, y + Math.tan(angle) * len],
        ],
        false,
      ),
    );
  }
  parts.push(
    el("path", {
      d: lines.join(""),
      fill: "none",
      stroke: palette.accent2,
      "stroke-opacity": 0.3,
      "stroke-width": 1.5,
    }),
  );
  const sparks: string[] = [];
  for (let i = 0; i < 24; i++) {
    const a = random.float(0, Math.PI * 2);
    const d = focus.size * random.float(0.3, 1.5);
    sparks.push(
      el("circle", {
        cx: focus.x + Math.cos(a) * d,
        cy: focus.y + Math.sin(a) * d,
        r: random.float(0.8, 2.5),
      }),
    );
  }
  parts.push(el("g", { fill: palette.accent }, sparks.join("")));
  return parts.join("") + vignette(c);
};

/** Layered mountains under a sun (adventure) or a moon with sparkles and a tower (fantasy). */
function peaks(magic: boolean): Motif {
  return (c) => {
    const { width, height, random, palette, focus } = c;
    const parts: string[] = [];
    parts.push(
      el("circle", {
        cx: focus.x,
        cy: focus.y,
        r: focus.size,
        fill: glow(c, "sky-light", palette.accent, 0.55),
      }),
    );
    parts.push(
      el("circle", {
        cx: focus.x,
        cy: focus.y,
        r: focus.size * 0.36,
        fill: palette.accent,
        "fill-opacity": 0.95,
      }),
    );
    if (magic) {
      for (let i = 0; i < 12; i++) {
        parts.push(
          sparkle(
            random.float(0, width),
            random.float(0, height * 0.6),
            random.float(3, 9),
            palette.accent2,
            random.float(0.5, 1),
          ),
        );
      }
    }
    for (let layer = 0; layer < 3; layer++) {
      const base = height * (0.55 + layer * 0.1);
      const jitter = height * (0.14 - layer * 0.03);
      parts.push(
        el("path", {
          d: ridge(c, base, jitter, 7 + layer * 3, true),
          fill: palette.shade,
          "fill-opacity": 0.4 + layer * 0.3,
        }),
      );
    }
    if (magic) {
      // A lone tower on the far ridge.
      const tx = random.float(0.15, 0.85) * width;
      const tw = Math.min(width, height) * 0.035;
      const ty = height * 0.42;
      parts.push(
        el("path", {
          d: pathFrom([
            [tx - tw, height * 0.7],
            [tx - tw, ty],
            [tx, ty - tw * 2.2],
            [tx + tw, ty],
            [tx + tw, height * 0.7],
          ]),
          fill: palette.shade,
          "fill-opacity": 0.7,
        }),
      );
      parts.push(
        el("rect", {
          x: tx - tw * 0.25,
          y: ty + tw,
          width: tw * 0.5,
          height: tw * 0.8,
          fill: palette.accent,
        }),
      );
    } else {
      const birds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const bx = random.float(0.1, 0.9) * width;
        const by = random.float(0.1, 0.35) * height;
        const s = random.float(5, 9);
        birds.push(
          `M${num(bx - s)} ${num(by - s * 0.4)}L${num(bx)} ${num(by)}L${num(bx + s)} ${num(by - s * 0.4)}`,
        );
      }
      parts.push(
        el("path", { d: birds.join(""), stroke: palette.shade, "stroke-width": 2, fill: "none" }),
      );
    }
    return parts.join("");
  };
}

const fog: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 1.2,
      fill: glow(c, "moon", palette.accent, 0.35),
    }),
  );
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 0.4,
      fill: palette.accent,
      "fill-opacity": 0.9,
    }),
  );
  // The house on the hill, one window lit.
  const hx = random.float(0.25, 0.75) * width;
  const s = Math.min(width, height) * 0.14;
  const ground = height * 0.72;
  parts.push(el("path", { d: ridge(c, ground, height * 0.03, 6, false), fill: palette.shade }));
  parts.push(
    el("path", {
      d: pathFrom([
        [hx - s, ground],
        [hx - s, ground - s * 0.9],
        [hx - s * 0.5, ground - s * 1.5],
        [hx, ground - s * 0.9],
        [hx + s * 0.7, ground - s * 0.9],
        [hx + s * 0.7, ground - s * 1.4],
        [hx + s * 0.85, ground - s * 1.4],
        [hx + s * 0.85, ground],
      ]),
      fill: palette.shade,
    }),
  );
  parts.push(
    el("rect", {
      x: hx - s * 0.62,
      y: ground - s * 0.8,
      width: s * 0.22,
      height: s * 0.28,
      fill: palette.accent2,
    }),
  );
  for (let i = 0; i < 6; i++) {
    parts.push(
      el("ellipse", {
        cx: random.float(0, 1) * width,
        cy: height * random.float(0.45, 0.9),
        rx: width * random.float(0.3, 0.7),
        ry: height * random.float(0.02, 0.05),
        fill: "#ffffff",
        "fill-opacity": random.float(0.05, 0.13),
      }),
    );
  }
  return parts.join("") + vignette(c);
};

const sunburst: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  const rays = 18;
  const reach = Math.max(width, height) * 1.5;
  const spin = random.float(0, Math.PI);
  const beams: string[] = [];
  for (let i = 0; i < rays; i++) {
    const a0 = spin + (i * 2 * Math.PI) / rays;
    const a1 = a0 + Math.PI / rays;
    beams.push(
      pathFrom([
        [focus.x, focus.y],
        [focus.x + Math.cos(a0) * reach, focus.y + Math.sin(a0) * reach],
        [focus.x + Math.cos(a1) * reach, focus.y + Math.sin(a1) * reach],
      ]),
    );
  }
  parts.push(el("path", { d: beams.join(""), fill: palette.accent, "fill-opacity": 0.18 }));
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 0.5,
      fill: palette.accent,
      "fill-opacity": 0.85,
    }),
  );
  const confetti: string[] = [];
  for (let i = 0; i < 36; i++) {
    const x = random.float(0, width);
    const y = random.float(0, height);
    const fill = random.pick([palette.accent, palette.accent2, palette.shade, "#ffffff"]);
    confetti.push(
      random.chance(0.6)
        ? el("rect", {
            x,
            y,
            width: random.float(5, 12),
            height: random.float(3, 6),
            fill,
            transform: `rotate(${num(random.float(0, 180))} ${num(x)} ${num(y)})`,
          })
        : el("circle", { cx: x, cy: y, r: random.float(2, 5), fill }),
    );
  }
  parts.push(el("g", { "fill-opacity": 0.85 }, confetti.join("")));
  return parts.join("");
};

/** Topographic contour lines around two centres: the "nature documentary" look. */
const contours: Motif = (c) => {
  const { width, height, random, palette, focus } = c;
  const parts: string[] = [];
  parts.push(
    el("circle", {
      cx: focus.x,
      cy: focus.y,
      r: focus.size * 1.3,
      fill: glow(c, "light", palette.accent2, 0.35),
    }),
  );
  const centres = [
    [focus.x, focus.y],
    [random.float(0.1, 0.9) * width, random.float(0.5, 0.9) * height],
  ] as const;
  const rings: string[] = [];
  for (const [cx, cy] of centres) {
    const phase = random.float(0, Math.PI * 2);
    const lobes = random.int(2, 4);
    for (let k = 1; k <= 7; k++) {
      const radius = focus.size * 0.28 * k;
      const points: [number, number][] = [];
      for (let i = 0; i < 28; i++) {
        const t = (i / 28) * Math.PI * 2;
        const wobble =
          1 + 0.13 * Math.sin(lobes * t + phase + k * 0.3) + 0.05 * Math.sin(5 * t + phase);
        points.push([cx + Math.cos(t) * radius * wobble, cy + Math.sin(t) * radius * wobble * 0.8]);
      }
      rings.push(pathFrom(points));
    }
  }
  parts.push(
    el("path", {
      d: rings.join(""),
      fill: "none",
      stroke: palette.accent,
      "stroke-opacity": 0.35,
      "stroke-width": 1.4,
    }),
  );
  return parts.join("");
};

export const MOTIFS: Record<GenreId, Motif> = {
  action: speed,
  adventure: peaks(false),
  animation: softShapes,
  comedy: sunburst,
  crime: skyline,
  documentary: contours,
  drama: horizon(false),
  family: softShapes,
  fantasy: peaks(true),
  horror: haunted,
  mystery: fog,
  romance: horizon(true),
  "sci-fi": starfield,
  thriller: shards,
};
