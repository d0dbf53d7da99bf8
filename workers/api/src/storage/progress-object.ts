/**
 * The profile's progress object (durable-objects/src/profile-progress.ts):
 * where a profile is in each title, current to the last report from any of
 * its devices (every 10 s, and on pause and seek). D1's watch_progress only
 * keeps where each session stopped, for reads across profiles; anything a
 * viewer sees of their own position (Continue Watching, the home row, the
 * title page, the resume point) is read here, so a phone paused a second
 * ago resumes on the TV at that second.
 */

export const progressObject = (env: Env, profileId: string) =>
  env.PROFILE_PROGRESS.getByName(profileId);

export type ProgressObject = ReturnType<typeof progressObject>;
