/** The Clock port on the real clock. */
import type { Clock } from "../ports/clock";
import { sleep } from "../ports/sleep";

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep,
};
