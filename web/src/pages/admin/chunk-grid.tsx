/**
 * A job's chunk grid: one row per rung (lowest first), one small cell per
 * chunk, drawn by its state, with a legend. Cells wrap, and every row has
 * the same width, so a chunk sits in the same place in each rung's block,
 * on a phone as on a desktop, however many chunks a film has.
 *
 * Not colour alone: each state has its own shape too, each row says its
 * counts in words, and the figure's data table holds every count. The grid
 * is an ARIA grid with one tab stop: arrow keys move from chunk to chunk
 * (up and down between rungs), Home and End to a row's ends, and each cell
 * names its rung, chunk and state; the cell under the pointer or focus is
 * read out above the grid.
 */
import { useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from "react";
import type { ChunkGrid, TaskState } from "../../api/types.ts";
import { ChartFigure } from "../../charts/chart-figure.tsx";
import { TASK_STATE_LABELS } from "./job-facts.ts";
import "./chunk-grid.css";

/** The states in the legend's (and the table's) order. */
const STATES = Object.keys(TASK_STATE_LABELS) as TaskState[];

/** A cell: the row (rung) and the chunk, from 0. */
interface Cell {
  row: number;
  chunk: number;
}

function countStates(cells: readonly TaskState[]): Record<TaskState, number> {
  const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as Record<TaskState, number>;
  for (const cell of cells) counts[cell] += 1;
  return counts;
}

/** A row in words: "12 of 30 done, 3 running, 15 not ready to run" (states with none left out). */
function rowSummary(cells: readonly TaskState[]): string {
  const counts = countStates(cells);
  const others = STATES.filter((state) => state !== "done" && counts[state] > 0).map(
    (state) => `${counts[state]} ${TASK_STATE_LABELS[state].toLowerCase()}`,
  );
  return [`${counts.done} of ${cells.length} done`, ...others].join(", ");
}

/** A task's state drawn as a cell, where words beside it already say the state; blank for no task. */
export function TaskSwatch({ state }: { state: TaskState | null }) {
  return (
    <span className={state ? `task-cell task-cell--${state}` : "task-cell"} aria-hidden="true" />
  );
}

/** "1 chunk", "12 chunks" */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const cellSelector = ({ row, chunk }: Cell) => `[data-row="${row}"][data-chunk="${chunk}"]`;

/** The cell an event happened on, if it was one. */
function cellOf(target: EventTarget): Cell | null {
  if (!(target instanceof HTMLElement) || target.dataset.chunk === undefined) return null;
  return { row: Number(target.dataset.row), chunk: Number(target.dataset.chunk) };
}

export function ChunkGridFigure({ grid }: { grid: ChunkGrid }) {
  const { rows, count } = grid;
  const gridRef = useRef<HTMLDivElement>(null);
  // The cell holding the grid's one tab stop, and the one being read out.
  const [current, setCurrent] = useState<Cell>({ row: 0, chunk: 0 });
  const [read, setRead] = useState<Cell | null>(null);
  const tabStop = {
    row: Math.min(current.row, rows.length - 1),
    chunk: Math.min(current.chunk, count - 1),
  };

  const chunking = `${counted(count, "chunk")} of ${counted(grid.segmentsPerChunk, "segment")} each`;
  const cellName = ({ row, chunk }: Cell) => {
    const rung = rows[row];
    const state = rung?.cells[chunk];
    if (!rung || !state) return "";
    return `${rung.rung}, chunk ${chunk + 1} of ${count}: ${TASK_STATE_LABELS[state].toLowerCase()}`;
  };

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const { row, chunk } = tabStop;
    const moves: Record<string, Cell> = {
      ArrowLeft: { row, chunk: chunk - 1 },
      ArrowRight: { row, chunk: chunk + 1 },
      ArrowUp: { row: row - 1, chunk },
      ArrowDown: { row: row + 1, chunk },
      Home: { row, chunk: 0 },
      End: { row, chunk: count - 1 },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = {
      row: Math.max(0, Math.min(rows.length - 1, move.row)),
      chunk: Math.max(0, Math.min(count - 1, move.chunk)),
    };
    // Its focus handler makes it the tab stop.
    gridRef.current?.querySelector<HTMLElement>(cellSelector(next))?.focus();
  }

  function onFocus(event: FocusEvent<HTMLElement>) {
    const cell = cellOf(event.target);
    if (!cell) return;
    setCurrent(cell);
    setRead(cell);
  }

  return (
    <ChartFigure
      title="Chunks"
      header={
        <>
          <ul className="chart__legend" aria-label="Legend">
            {STATES.map((state) => (
              <li key={state} className="chart__legend-item">
                <TaskSwatch state={state} />
                {TASK_STATE_LABELS[state]}
              </li>
            ))}
          </ul>
          {/* Hidden from screen readers: a focused cell says the same itself. */}
          <span className="chart__readout" aria-hidden="true">
            {read ? cellName(read) : chunking}
          </span>
        </>
      }
      table={{
        columns: ["Quality", ...STATES.map((state) => TASK_STATE_LABELS[state])],
        rows: rows.map(({ rung, cells }) => {
          const counts = countStates(cells);
          return [rung, ...STATES.map((state) => String(counts[state]))];
        }),
      }}
    >
      <div
        ref={gridRef}
        role="grid"
        aria-label="Chunks of each quality"
        aria-readonly="true"
        className="chunk-grid"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setRead(null)}
        onPointerOver={(event: PointerEvent<HTMLElement>) => setRead(cellOf(event.target))}
        onPointerLeave={() => setRead(null)}
      >
        {rows.map(({ rung, cells }, row) => (
          <div key={rung} role="row" className="chunk-grid__row">
            <span role="rowheader" className="chunk-grid__header">
              <span className="chunk-grid__rung">{rung}</span>{" "}
              <span className="chunk-grid__summary">{rowSummary(cells)}</span>
            </span>
            {cells.map((state, chunk) => {
              const isTabStop = row === tabStop.row && chunk === tabStop.chunk;
              return (
                <span
                  key={chunk}
                  role="gridcell"
                  tabIndex={isTabStop ? 0 : -1}
                  title={cellName({ row, chunk })}
                  className={`task-cell task-cell--${state}`}
                  data-row={row}
                  data-chunk={chunk}
                />
              );
            })}
          </div>
        ))}
      </div>
    </ChartFigure>
  );
}
