/**
 * The demo accounts `npm run dev` creates: an admin and a viewer with a
 * grown-up and a kids profile. Seeding is idempotent (INSERT OR IGNORE on
 * fixed ids and emails), so it runs on every start and never duplicates.
 */
import { hashPassword } from "../lib/auth/password.ts";
import type { Role } from "../lib/auth/roles.ts";
import type { Plan } from "../lib/db/schema.ts";
import type { MaturityLevel } from "../lib/maturity.ts";
import type { Avatar } from "../lib/profiles.ts";

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  roles: Role[];
  plan: Plan;
  profiles: {
    id: string;
    name: string;
    avatar: Avatar;
    isKids: boolean;
    maturityLevel: MaturityLevel;
  }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    id: "00000000-0000-4000-8000-00000000a001",
    email: "admin@example.com",
    password: "marquee-admin-demo",
    roles: ["admin"],
    plan: "premium",
    profiles: [
      {
        id: "00000000-0000-4000-8000-00000000b001",
        name: "Admin",
        avatar: "night",
        isKids: false,
        maturityLevel: "NC-17",
      },
    ],
  },
  {
    id: "00000000-0000-4000-8000-00000000a002",
    email: "viewer@example.com",
    password: "marquee-viewer-demo",
    roles: ["account_owner"],
    plan: "standard",
    profiles: [
      {
        id: "00000000-0000-4000-8000-00000000b002",
        name: "Alex",
        avatar: "ocean",
        isKids: false,
        maturityLevel: "NC-17",
      },
      {
        id: "00000000-0000-4000-8000-00000000b003",
        name: "Kids",
        avatar: "citrus",
        isKids: true,
        maturityLevel: "PG",
      },
    ],
  },
];

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** SQL that creates the demo accounts where they don't exist yet. */
export async function demoSeedSql(now = Date.now()): Promise<string> {
  const statements: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    statements.push(
      `INSERT OR IGNORE INTO accounts (id, email, password_hash, roles, plan, created_at, updated_at) VALUES (${[
        quote(account.id),
        quote(account.email),
        quote(await hashPassword(account.password)),
        quote(JSON.stringify(account.roles)),
        quote(account.plan),
        now,
        now,
      ].join(", ")});`,
    );
    for (const profile of account.profiles) {
      statements.push(
        `INSERT OR IGNORE INTO profiles (id, account_id, name, avatar, language, is_kids, maturity_level, created_at, updated_at) VALUES (${[
          quote(profile.id),
          quote(account.id),
          quote(profile.name),
          quote(profile.avatar),
          quote("en"),
          profile.isKids ? 1 : 0,
          quote(profile.maturityLevel),
          now,
          now,
        ].join(", ")});`,
      );
    }
  }
  return statements.join("\n") + "\n";
}
