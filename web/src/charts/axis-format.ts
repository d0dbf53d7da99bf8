/** How chart axes word time: clock times within a day, short dates across days. */
const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const shortDate = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const dateAndClock = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "10:45 AM" */
export const formatClockTick = (time: number) => clock.format(time);

/** "Nov 21" */
export const formatDateTick = (time: number) => shortDate.format(time);

/** "Nov 21, 10:45 AM": a point's time in a readout, where the day may not be obvious. */
export const formatPointTime = (time: number) => dateAndClock.format(time);
