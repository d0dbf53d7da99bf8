/**
 * Compile-time only (nothing imports this file; this Worker's type check
 * includes it): the generated `Env` of this Worker provides every binding
 * its Durable Object classes declare they use.
 */
import type { UploadSessionBindings } from "./upload-session.ts";

type Provides<Bindings> = Env extends Bindings ? true : never;

export const uploadSessionBindingsProvided: Provides<UploadSessionBindings> = true;
