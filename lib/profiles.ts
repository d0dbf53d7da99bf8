/**
 * What a profile can look like: the avatars the apps can draw and the
 * languages we offer (BCP 47 primary tags).
 */
/** How many profiles one account may have. */
export const PROFILE_LIMIT = 5;

export const AVATARS = [
  "sunrise",
  "ocean",
  "forest",
  "ember",
  "violet",
  "slate",
  "citrus",
  "rose",
  "mint",
  "gold",
  "sky",
  "night",
] as const;
export type Avatar = (typeof AVATARS)[number];

export const LANGUAGES = [
  "en",
  "es",
  "fr",
  "de",
  "it",
  "pt",
  "nl",
  "sv",
  "pl",
  "tr",
  "ja",
  "ko",
  "zh",
  "hi",
  "ar",
] as const;
export type Language = (typeof LANGUAGES)[number];
