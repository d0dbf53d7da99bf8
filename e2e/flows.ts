/**
 * Steps the browser tests share, done the way a person does them: through
 * the pages, by accessible role and label.
 */
import type { Page } from "playwright-core";
import { expectApiErrors } from "./browser-test.ts";

export const PASSWORD = "popcorn-and-a-double-feature";

export interface Credentials {
  email: string;
  password: string;
}

export const DEMO_VIEWER: Credentials = {
  email: "viewer@example.com",
  password: "marquee-viewer-demo",
};

/** The demo administrator, whose one profile is "Admin". */
export const DEMO_ADMIN: Credentials = {
  email: "admin@example.com",
  password: "marquee-admin-demo",
};

export function uniqueEmail(label: string): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

/** Creates a new account with a first profile; ends on "Who's watching?". */
export async function signUp(page: Page, profileName = "Jordan"): Promise<Credentials> {
  const credentials = { email: uniqueEmail("viewer"), password: PASSWORD };
  await page.goto("/signup");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password", { exact: true }).fill(credentials.password);
  await page.getByLabel("Your profile name (optional)").fill(profileName);
  await page.getByRole("button", { name: "Create account" }).click();
  await whoIsWatching(page);
  return credentials;
}

/** Signs in from the sign-in page; ends on "Who's watching?" (accounts without 2FA). */
export async function signIn(page: Page, { email, password }: Credentials): Promise<void> {
  await fillSignIn(page, { email, password });
  await whoIsWatching(page);
}

export async function fillSignIn(page: Page, { email, password }: Credentials): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function whoIsWatching(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Who's watching?" }).waitFor();
}

/** The header's profile menu button, named after the active profile. */
export const profileMenu = (page: Page, profileName: string) =>
  page.getByRole("banner").getByRole("button", { name: new RegExp(`^Watching as ${profileName}`) });

/** Picks a profile without a PIN on "Who's watching?"; ends on home. */
export async function pickProfile(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name, exact: true }).click();
  await profileMenu(page, name).waitFor();
}

export interface NewProfile {
  name: string;
  kids?: boolean;
  pin?: string;
}

/** Adds a profile on "Manage profiles". */
export async function addProfile(page: Page, { name, kids = false, pin }: NewProfile) {
  await page.getByRole("button", { name: "Add profile" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a profile" });
  await dialog.getByLabel("Name").fill(name);
  if (kids) await dialog.getByRole("checkbox", { name: "Kids profile" }).check();
  if (pin) {
    await dialog.getByRole("radio", { name: "Set a PIN" }).check();
    await dialog.getByLabel("PIN", { exact: true }).fill(pin);
  }
  await dialog.getByRole("button", { name: "Add profile" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Added ${name}.` })
    .waitFor();
}

/** Signs out from the header's profile menu; ends on the sign-in page. */
export async function signOutFromMenu(page: Page, profileName: string): Promise<void> {
  // A request the page sent just before signing out (the home page's) may come back 401 after it.
  expectApiErrors(page, 401);
  await profileMenu(page, profileName).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signedOut(page);
}

/** Waits for sign-out to finish: the sign-in page saying so. */
export async function signedOut(page: Page): Promise<void> {
  await page.getByRole("status").filter({ hasText: "You're signed out." }).waitFor();
}

/** Creates an account straight through the API, for tests that start signed out. */
export async function registerAccount(baseUrl: string, profileName: string): Promise<Credentials> {
  const credentials = { email: uniqueEmail("keyboard"), password: PASSWORD };
  const response = await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...credentials, profileName, tokenDelivery: "body" }),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  return credentials;
}

/** The header's search field, a combobox of suggestions. */
export const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search titles" });

/** A row of titles on home, by its title ("Trending Now", "My List"). */
export const homeRow = (page: Page, title: string) =>
  page.getByRole("region", { name: title, exact: true });

/** A title's details, open in their dialog. */
export const titleDialog = (page: Page, name: string) =>
  page.getByRole("dialog", { name, exact: true });

/** Waits for home to show its rows. */
export async function homeLoaded(page: Page): Promise<void> {
  await homeRow(page, "Trending Now").getByRole("link").first().waitFor();
}

/** Searches from the header's field with Enter; ends on the results. */
export async function searchFor(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await searchBox(page).press("Enter");
  await page.getByRole("heading", { name: `Results for “${query}”`, level: 1 }).waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: /titles?\b|No titles/ })
    .waitFor();
}

/** Switches profile from the header's menu; ends on the new profile's home. */
export async function switchProfile(page: Page, from: string, to: string): Promise<void> {
  await profileMenu(page, from).click();
  await page.getByRole("button", { name: `Switch to ${to}` }).click();
  await profileMenu(page, to).waitFor();
}
