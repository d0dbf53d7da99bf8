/** Chunk continuity on a 24 s master at 29.97 fps with 3-second GOPs, off the 4-second grid. */
import { continuitySuite } from "./chunk-continuity.ts";

continuitySuite("grid2997");
