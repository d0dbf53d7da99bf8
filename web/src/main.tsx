/** The web app's entry: global styles, the router, and what to do when the session ends. */
import { createRoot } from "react-dom/client";
import { StrictMode } from "react";
import { RouterProvider } from "react-router/dom";
import { onSignedOut } from "./api/http.ts";
import { createAppRouter } from "./app/router.tsx";
import "./styles/index.css";

const router = createAppRouter();
onSignedOut(() => void router.navigate("/signin", { replace: true }));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element.");
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
