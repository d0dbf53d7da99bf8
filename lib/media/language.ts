/**
 * Language tags as players want them. Containers tag audio with ISO 639-2
 * three-letter codes ("eng", "fre"/"fra"); HLS and DASH expect BCP 47, whose
 * primary subtag is the two-letter ISO 639-1 code where one exists.
 */

/** ISO 639-2 (bibliographic and terminology forms) → ISO 639-1, for the languages a catalog meets. */
const TWO_LETTER: Record<string, string> = {
  ara: "ar",
  bul: "bg",
  cat: "ca",
  ces: "cs",
  cze: "cs",
  chi: "zh",
  zho: "zh",
  dan: "da",
  deu: "de",
  ger: "de",
  ell: "el",
  gre: "el",
  eng: "en",
  est: "et",
  eus: "eu",
  baq: "eu",
  fas: "fa",
  per: "fa",
  fin: "fi",
  fra: "fr",
  fre: "fr",
  gle: "ga",
  glg: "gl",
  heb: "he",
  hin: "hi",
  hrv: "hr",
  hun: "hu",
  ind: "id",
  isl: "is",
  ice: "is",
  ita: "it",
  jpn: "ja",
  kor: "ko",
  lav: "lv",
  lit: "lt",
  msa: "ms",
  may: "ms",
  nld: "nl",
  dut: "nl",
  nor: "no",
  nob: "nb",
  nno: "nn",
  pol: "pl",
  por: "pt",
  ron: "ro",
  rum: "ro",
  rus: "ru",
  slk: "sk",
  slo: "sk",
  slv: "sl",
  spa: "es",
  srp: "sr",
  swe: "sv",
  tam: "ta",
  tel: "te",
  tha: "th",
  tur: "tr",
  ukr: "uk",
  urd: "ur",
  vie: "vi",
  cym: "cy",
  wel: "cy",
  afr: "af",
  swa: "sw",
  ben: "bn",
  mar: "mr",
  pan: "pa",
  guj: "gu",
  kan: "kn",
  mal: "ml",
  fil: "tl",
  tgl: "tl",
};

/**
 * The BCP 47 language for a container or user tag: two letters when ISO 639-1
 * has the language, else the three-letter tag, "und" when missing or malformed.
 *
 * @example
 * toBcp47("fre"); // "fr"
 * toBcp47("en-US"); // "en"
 * toBcp47(undefined); // "und"
 */
export function toBcp47(tag: string | undefined): string {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (!/^[a-z]{2,3}$/.test(primary)) return "und";
  return TWO_LETTER[primary] ?? primary;
}

const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * The English name of a language for menus, or undefined when it has none.
 *
 * @example
 * languageName("fr"); // "French"
 */
export function languageName(language: string): string | undefined {
  if (language === "und") return undefined;
  try {
    return names.of(language);
  } catch {
    return undefined;
  }
}
