import { createBrowserRouter, Navigate } from "react-router";
import { capabilityRoutes } from "./capabilities";
import { Layout } from "./components/layout";
import { lazyPage } from "./components/lazy-page";
import { PageError } from "./components/page-error";
import { RequireSession } from "./components/require-session";
import { AllianceHomePage } from "./pages/alliance-home-page";
import { AlliancesPage } from "./pages/alliances-page";
import { NotFoundPage } from "./pages/not-found-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * Every page of the app; the server answers any non-API path with index.html. Sign-in, the
 * alliances and an alliance's home come with the app; every other page loads when it is opened.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        // A page that fails shows PageError inside the layout, with the header still there.
        errorElement: <PageError />,
        children: [
          { path: "/sign-in", element: <SignInPage /> },
          lazyPage("/sign-up", () => import("./pages/sign-up-page"), (m) => m.SignUpPage),
          lazyPage("/forgot-password", () => import("./pages/forgot-password-page"), (m) => m.ForgotPasswordPage),
          lazyPage("/reset-password", () => import("./pages/reset-password-page"), (m) => m.ResetPasswordPage),
          lazyPage("/invitations/:token", () => import("./pages/invitation-page"), (m) => m.InvitationPage),
          {
            element: <RequireSession />,
            children: [
              { path: "/", element: <Navigate to="/alliances" replace /> },
              { path: "/alliances", element: <AlliancesPage /> },
              { path: "/alliances/:id", element: <AllianceHomePage /> },
              lazyPage("/organizations/:id", () => import("./pages/organization-page"), (m) => m.OrganizationPage),
              lazyPage("/account", () => import("./pages/account-page"), (m) => m.AccountPage),
              lazyPage("/admin", () => import("./pages/admin-page"), (m) => m.AdminPage),
              ...capabilityRoutes,
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
