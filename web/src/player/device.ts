/**
 * How this browser names itself to the stream limit: an id kept in
 * localStorage (so a reload replaces its own stream instead of taking a
 * second one), and the tallest picture its screen can use.
 */
const DEVICE_KEY = "marquee:device-id";

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** The screen's height in device pixels, rounded up to a ladder height (at least 240). */
export function deviceMaxHeight(): number {
  const pixels = Math.max(screen.width, screen.height) * devicePixelRatio;
  const heights = [240, 360, 480, 720, 1080, 1440, 2160];
  // The long side against 16:9 widths, so a portrait phone is judged like a landscape one.
  return heights.find((height) => (height * 16) / 9 >= pixels) ?? 2160;
}
