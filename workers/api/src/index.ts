/** The api Worker: browse, auth and (later) playback, plus the web app's static files. */
import { app } from "./app.ts";

export default app satisfies ExportedHandler<Env>;
