/**
 * The app's routes. Signed-out pages share the auth layout; everything
 * under the "session" route needs a signed-in account (its loader sends
 * visitors to sign-in); home and account also need an active profile.
 */
import { createBrowserRouter } from "react-router";
import { AppLayout } from "../layouts/app-layout.tsx";
import { AuthLayout } from "../layouts/auth-layout.tsx";
import { AccountPage } from "../pages/account-page.tsx";
import { DevMailboxPage } from "../pages/dev-mailbox-page.tsx";
import { ForgotPasswordPage } from "../pages/forgot-password-page.tsx";
import { HomePage } from "../pages/home-page.tsx";
import { ManageProfilesPage } from "../pages/manage-profiles-page.tsx";
import { NotFoundPage } from "../pages/not-found-page.tsx";
import { ProfilePickerPage } from "../pages/profile-picker-page.tsx";
import { ResetPasswordPage } from "../pages/reset-password-page.tsx";
import { SignInPage } from "../pages/sign-in-page.tsx";
import { SignUpPage } from "../pages/sign-up-page.tsx";
import { SESSION_ROUTE_ID, sessionLoader } from "../session/session-loader.ts";
import { LoadingScreen } from "./loading-screen.tsx";
import { RootLayout } from "./root-layout.tsx";
import { RouteError } from "./route-error.tsx";

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <LoadingScreen />,
      children: [
        {
          element: <AuthLayout />,
          children: [
            { path: "signin", element: <SignInPage /> },
            { path: "signup", element: <SignUpPage /> },
            { path: "forgot-password", element: <ForgotPasswordPage /> },
            { path: "reset-password", element: <ResetPasswordPage /> },
          ],
        },
        { path: "dev/mailbox", element: <DevMailboxPage /> },
        {
          id: SESSION_ROUTE_ID,
          loader: sessionLoader,
          children: [
            { path: "profiles", element: <ProfilePickerPage /> },
            { path: "profiles/manage", element: <ManageProfilesPage /> },
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <HomePage /> },
                { path: "account", element: <AccountPage /> },
              ],
            },
          ],
        },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
