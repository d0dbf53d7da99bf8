/** Chunk continuity on a 24 s master at 25 fps with 2.4-second GOPs, off the 4-second grid. */
import { continuitySuite } from "./chunk-continuity.ts";

continuitySuite("grid25");
