/**
 * The frame every chart shares: a figure captioned with the chart's title
 * (and an optional legend and readout), the drawing, and the same numbers
 * as a table behind a "Data" disclosure, for anyone who would rather read
 * them, or copy them, than look.
 */
import type { ReactNode } from "react";
import "./charts.css";

export interface DataTable {
  columns: string[];
  rows: string[][];
}

interface ChartFigureProps {
  title: string;
  /** Under the title: a legend, the point being read. */
  header?: ReactNode;
  table: DataTable;
  children: ReactNode;
}

export function ChartFigure({ title, header, table, children }: ChartFigureProps) {
  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        {header}
      </figcaption>
      {children}
      <details className="chart__data">
        <summary>
          Data<span className="visually-hidden"> of {title}</span>
        </summary>
        <div className="chart__table-wrap">
          <table className="chart__table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) =>
                    column === 0 ? (
                      <th key={column} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={column}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The series' names and colours, as a list the chart's lines refer to. */
export function Legend({ labels }: { labels: string[] }) {
  if (labels.length < 2) return null;
  return (
    <ul className="chart__legend" aria-label="Legend">
      {labels.map((label, index) => (
        <li key={label} className="chart__legend-item">
          <span className={`chart__swatch chart__series--${index}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
