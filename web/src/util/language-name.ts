/** A language tag as people know it: "Japanese (日本語)". */
const inEnglish = new Intl.DisplayNames(["en"], { type: "language" });

export function languageName(tag: string): string {
  const english = inEnglish.of(tag) ?? tag;
  const native = new Intl.DisplayNames([tag], { type: "language" }).of(tag);
  return native && native !== english ? `${english} (${native})` : english;
}
