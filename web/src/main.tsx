/** The web app's entry: global styles, the router, and what to do when the session ends. */
import { createRoot } from "react-dom/client";
import { StrictMode } from "react";
import { RouterProvider } from "react-router/dom";
import { onSignedOut } from "./api/http.ts";
import { createAppRouter, isSignedOutPage } from "./app/router.tsx";
import "./styles/index.css";

const router = createAppRouter();
onSignedOut(() => {
  // A request sent before this device signed out may come back 401 after it: a visitor already
  // on a signed-out page (reading "You're signed out", asking for a reset link) stays there.
  if (!isSignedOutPage(router.state.location.pathname)) {
    void router.navigate("/signin", { replace: true });
  }
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element.");
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
