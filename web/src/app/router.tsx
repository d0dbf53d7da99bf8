/**
 * The app's routes. Signed-out pages share the auth layout; everything
 * under the "session" route needs a signed-in account (its loader sends
 * visitors to sign-in); the app's pages also need an active profile.
 *
 * A title's details open as a modal route under the page they were opened
 * from (/title/:id over home, /search/title/:id, /my-list/title/:id): see
 * title-route.ts.
 *
 * The admin pages (/admin/…) are for staff: upload and jobs for content
 * admins, the dashboards and experiments for experiment admins. They load
 * on first visit: viewers never download them (nor the uploader's
 * ffmpeg.wasm, nor the charts).
 */
import { createBrowserRouter } from "react-router";
import { AppLayout } from "../layouts/app-layout.tsx";
import { AuthLayout } from "../layouts/auth-layout.tsx";
import { AccountPage } from "../pages/account-page.tsx";
import { StaffOnly } from "../pages/admin/staff-only.tsx";
import { DevMailboxPage } from "../pages/dev-mailbox-page.tsx";
import { ForgotPasswordPage } from "../pages/forgot-password-page.tsx";
import { HomePage } from "../pages/home-page.tsx";
import { ManageProfilesPage } from "../pages/manage-profiles-page.tsx";
import { MyListPage } from "../pages/my-list-page.tsx";
import { NotFoundPage } from "../pages/not-found-page.tsx";
import { ProfilePickerPage } from "../pages/profile-picker-page.tsx";
import { ResetPasswordPage } from "../pages/reset-password-page.tsx";
import { SearchPage } from "../pages/search-page.tsx";
import { SignInPage } from "../pages/sign-in-page.tsx";
import { SignUpPage } from "../pages/sign-up-page.tsx";
import { TitleDialog } from "../pages/title-dialog.tsx";
import { SESSION_ROUTE_ID, sessionLoader } from "../session/session-loader.ts";
import { LoadingScreen } from "./loading-screen.tsx";
import { RootLayout } from "./root-layout.tsx";
import { RouteError } from "./route-error.tsx";

const titleModal = [{ path: "title/:titleId", element: <TitleDialog /> }];

/** The pages for visitors who are not signed in. */
const SIGNED_OUT_PAGES = {
  signin: SignInPage,
  signup: SignUpPage,
  "forgot-password": ForgotPasswordPage,
  "reset-password": ResetPasswordPage,
} as const;

/** Whether `pathname` is a page that needs no session (sign-in and its neighbours). */
export const isSignedOutPage = (pathname: string) =>
  pathname.slice(1) in SIGNED_OUT_PAGES || pathname === "/dev/mailbox";

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <LoadingScreen />,
      children: [
        {
          element: <AuthLayout />,
          children: Object.entries(SIGNED_OUT_PAGES).map(([path, Page]) => ({
            path,
            element: <Page />,
          })),
        },
        { path: "dev/mailbox", element: <DevMailboxPage /> },
        {
          id: SESSION_ROUTE_ID,
          loader: sessionLoader,
          // A page's own search params (a search's query and filters) don't change the session.
          shouldRevalidate: ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
            currentUrl.pathname === nextUrl.pathname && currentUrl.search !== nextUrl.search
              ? false
              : defaultShouldRevalidate,
          children: [
            { path: "profiles", element: <ProfilePickerPage /> },
            { path: "profiles/manage", element: <ManageProfilesPage /> },
            {
              // Full screen, outside the app's header; hls.js loads only when someone watches.
              path: "watch/:titleId",
              lazy: async () => ({
                Component: (await import("../pages/watch-page.tsx")).WatchPage,
              }),
            },
            {
              element: <AppLayout />,
              children: [
                { path: "/", element: <HomePage />, children: titleModal },
                { path: "search", element: <SearchPage />, children: titleModal },
                { path: "my-list", element: <MyListPage />, children: titleModal },
                { path: "account", element: <AccountPage /> },
                {
                  path: "admin",
                  children: [
                    {
                      element: <StaffOnly role="content_admin" />,
                      children: [
                        {
                          path: "upload",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/upload-page.tsx")).UploadPage,
                          }),
                        },
                        {
                          path: "jobs",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/jobs-page.tsx")).JobsPage,
                          }),
                        },
                        {
                          path: "jobs/:jobId",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/job-page.tsx")).JobPage,
                          }),
                        },
                      ],
                    },
                    {
                      element: <StaffOnly role="experiment_admin" />,
                      children: [
                        {
                          path: "qoe",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/qoe-page.tsx")).QoePage,
                          }),
                        },
                        {
                          path: "engagement",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/engagement-page.tsx"))
                              .EngagementPage,
                          }),
                        },
                        {
                          path: "experiments",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/experiments-page.tsx"))
                              .ExperimentsPage,
                          }),
                        },
                        {
                          path: "experiments/new",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/new-experiment-page.tsx"))
                              .NewExperimentPage,
                          }),
                        },
                        {
                          path: "experiments/:experimentId",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/edit-experiment-page.tsx"))
                              .EditExperimentPage,
                          }),
                        },
                        {
                          path: "experiments/:experimentId/results",
                          lazy: async () => ({
                            Component: (await import("../pages/admin/experiment-results-page.tsx"))
                              .ExperimentResultsPage,
                          }),
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
