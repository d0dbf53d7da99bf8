/**
 * Writing seed data as SQL text, in the style of scripts/seed.ts: literal
 * values (quoted, never interpolated raw), one statement per line, each
 * ending with `;`. Rows go in batches of multi-row VALUES, which keeps the
 * file small and `wrangler d1 execute --file` fast, while staying well under
 * D1's statement-size limit (100 KB) and SQLite's 500-term compound limit.
 */

export type SqlValue = string | number | boolean | null;

export const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function sqlValue(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return quote(value);
}

const BATCH_ROWS = 50;

/** `INSERT OR IGNORE` (or `OR REPLACE`) statements for the rows, in batches. */
export function insertStatements(
  verb: "INSERT OR IGNORE" | "INSERT OR REPLACE",
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): string[] {
  const statements: string[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const values = rows
      .slice(start, start + BATCH_ROWS)
      .map((row) => {
        if (row.length !== columns.length)
          throw new Error(`${table}: row has ${row.length} values`);
        return `(${row.map(sqlValue).join(", ")})`;
      })
      .join(", ");
    statements.push(`${verb} INTO ${table} (${columns.join(", ")}) VALUES ${values};`);
  }
  return statements;
}

/**
 * One row that is only inserted when `profileId` exists: for rows about
 * profiles another seed creates, so running this one first skips them
 * instead of failing on a foreign key.
 */
export function insertForProfile(
  table: string,
  columns: readonly string[],
  row: readonly SqlValue[],
  profileId: string,
): string {
  return (
    `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) SELECT ${row.map(sqlValue).join(", ")}` +
    ` WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ${quote(profileId)});`
  );
}

/**
 * Puts a multi-line statement on one line (runs of whitespace outside string
 * literals become one space) and ends it with `;`.
 */
export function oneLine(statement: string): string {
  let result = "";
  let inString = false;
  let pendingSpace = false;
  for (const char of statement.trim()) {
    if (!inString && /\s/.test(char)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) result += " ";
    pendingSpace = false;
    // A doubled quote inside a literal toggles twice, which leaves it inside: correct.
    if (char === "'") inString = !inString;
    result += char;
  }
  return `${result};`;
}
