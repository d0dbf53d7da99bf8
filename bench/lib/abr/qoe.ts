/**
 * The score of one streaming session: QoE as in the MPC (Yin et al., SIGCOMM 2015) and
 * Pensieve (Mao et al., SIGCOMM 2017) papers, plus the usual player metrics.
 */

/** Seconds of rebuffering cost as much as this many Mbps of one segment's bit rate. */
export const REBUFFER_PENALTY = 4.3;

export interface Session {
  /** The bit rate of each segment played, in kbps, in order. */
  kbps: number[];
  /** From the first request to the first frame. */
  startupSeconds: number;
  /** Stalls after playback started. */
  rebufferSeconds: number;
}

/**
 * Σ bit rate (Mbps) − 4.3 × (rebuffering + startup delay, s) − Σ |bit rate change| (Mbps).
 * The startup delay counts as rebuffering, so waiting before the first frame is not free.
 */
export function qoe(session: Session): number {
  let utility = 0;
  let smoothness = 0;
  session.kbps.forEach((kbps, i) => {
    utility += kbps / 1000;
    if (i > 0) smoothness += Math.abs(kbps - session.kbps[i - 1]!) / 1000;
  });
  return (
    utility - REBUFFER_PENALTY * (session.rebufferSeconds + session.startupSeconds) - smoothness
  );
}

export interface Summary {
  totalQoe: number;
  meanQoe: number;
  meanKbps: number;
  /** Stalls after startup over (playing time + stalls), in %. */
  rebufferPercent: number;
  meanStartupSeconds: number;
  switchesPerSession: number;
}

export function summarize(sessions: Session[], segmentSeconds: number): Summary {
  const sum = (f: (session: Session) => number) => sessions.reduce((s, x) => s + f(x), 0);
  const segments = sum((s) => s.kbps.length);
  const stalls = sum((s) => s.rebufferSeconds);
  const totalQoe = sum(qoe);
  return {
    totalQoe,
    meanQoe: totalQoe / sessions.length,
    meanKbps: sum((s) => s.kbps.reduce((a, b) => a + b, 0)) / segments,
    rebufferPercent: (100 * stalls) / (segments * segmentSeconds + stalls),
    meanStartupSeconds: sum((s) => s.startupSeconds) / sessions.length,
    switchesPerSession:
      sum((s) => s.kbps.filter((k, i) => i > 0 && k !== s.kbps[i - 1]).length) / sessions.length,
  };
}
