/** Prints rows as an aligned plain-text table (the form pasted into closing notes). */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;
