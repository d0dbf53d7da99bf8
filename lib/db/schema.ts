/**
 * The D1 schema, owned by Drizzle. `npm run db:generate` turns changes here
 * into a migration in `migrations/`; nobody edits a generated migration.
 *
 * Conventions: ids are random UUIDs (text); times are integer Unix
 * milliseconds set by the application (Drizzle exposes them as Date); child
 * rows cascade with their account so deleting an account leaves nothing
 * behind.
 */
import { relations, sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { Role } from "../auth/roles.ts";
import { MATURITY_LEVELS } from "../maturity.ts";
import { AVATARS, LANGUAGES } from "../profiles.ts";

export const PLANS = ["basic", "standard", "premium"] as const;
export type Plan = (typeof PLANS)[number];

const id = () => text("id").primaryKey();
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
const updatedAt = () =>
  timestamp("updated_at")
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const accounts = sqliteTable(
  "accounts",
  {
    id: id(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles", { mode: "json" }).$type<Role[]>().notNull(),
    plan: text("plan", { enum: PLANS }).notNull().default("standard"),
    /** The TOTP seed, sealed with MFA_ENCRYPTION_KEY; set once 2FA is confirmed. */
    mfaSecret: text("mfa_secret"),
    /** A seed awaiting its first code during enrolment. */
    mfaPendingSecret: text("mfa_pending_secret"),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    mfaLastStep: integer("mfa_last_step"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("accounts_email_unique").on(table.email)],
);

/**
 * A signed-in device. Each session is one refresh-token family: rotating a
 * token keeps the session, reusing a rotated token revokes it.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    activeProfileId: text("active_profile_id").references(() => profiles.id, {
      onDelete: "set null",
    }),
    /** A readable device label derived from the User-Agent at sign-in. */
    device: text("device").notNull(),
    ipAddress: text("ip_address"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedReason: text("revoked_reason", {
      enum: ["sign_out", "revoked_by_user", "refresh_token_reuse", "password_reset"],
    }),
  },
  (table) => [index("sessions_account_idx").on(table.accountId, table.revokedAt)],
);

/** Refresh tokens are stored as SHA-256 digests, never in the clear. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issuedAt: timestamp("issued_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** Set when the token is exchanged; a second use means it leaked. */
    rotatedAt: timestamp("rotated_at"),
  },
  (table) => [index("refresh_tokens_session_idx").on(table.sessionId)],
);

export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (table) => [index("password_reset_tokens_account_idx").on(table.accountId)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at"),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.codeHash] })],
);

export const profiles = sqliteTable(
  "profiles",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    avatar: text("avatar", { enum: AVATARS }).notNull(),
    /** BCP 47 language tag for UI and default audio/subtitles. */
    language: text("language", { enum: LANGUAGES }).notNull(),
    isKids: integer("is_kids", { mode: "boolean" }).notNull().default(false),
    maturityLevel: text("maturity_level", { enum: MATURITY_LEVELS }).notNull(),
    pinHash: text("pin_hash"),
    /** PIN attempts reserved since the last success; 5 locks the profile. */
    pinAttempts: integer("pin_attempts").notNull().default(0),
    pinLockedUntil: timestamp("pin_locked_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("profiles_account_idx").on(table.accountId),
    uniqueIndex("profiles_account_name_unique").on(table.accountId, table.name),
    check("profiles_pin_attempts_range", sql`${table.pinAttempts} between 0 and 5`),
  ],
);

export const refreshTokensRelations = relations(refreshTokens, ({ one }) => ({
  session: one(sessions, { fields: [refreshTokens.sessionId], references: [sessions.id] }),
}));

export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Profile = typeof profiles.$inferSelect;
