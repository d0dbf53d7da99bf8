/**
 * What makes SVG artwork unsafe to accept: anything that could run script
 * or reach outside the image. The api Worker refuses uploads that match;
 * the demo seed's tests check its generated artwork against the same list.
 */
export const UNSAFE_SVG_PATTERNS: readonly RegExp[] = [
  /<script/i,
  /<foreignObject/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /(?:href|src)\s*=\s*["'](?!#)/i,
  /url\(\s*["']?(?!#)/i,
  /<!ENTITY/i,
];

export function isSafeSvg(text: string): boolean {
  return !UNSAFE_SVG_PATTERNS.some((pattern) => pattern.test(text));
}
