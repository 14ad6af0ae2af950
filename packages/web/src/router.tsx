import { createBrowserRouter, Navigate } from "react-router";
import { capabilityRoutes } from "./capabilities";
import { Layout } from "./components/layout";
import { RequireSession } from "./components/require-session";
import { AccountPage } from "./pages/account-page";
import { AdminPage } from "./pages/admin-page";
import { AllianceHomePage } from "./pages/alliance-home-page";
import { AlliancesPage } from "./pages/alliances-page";
import { ForgotPasswordPage } from "./pages/forgot-password-page";
import { InvitationPage } from "./pages/invitation-page";
import { NotFoundPage } from "./pages/not-found-page";
import { OrganizationPage } from "./pages/organization-page";
import { ResetPasswordPage } from "./pages/reset-password-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

/** Every page of the app; the server answers any non-API path with index.html. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      { path: "/sign-up", element: <SignUpPage /> },
      { path: "/forgot-password", element: <ForgotPasswordPage /> },
      { path: "/reset-password", element: <ResetPasswordPage /> },
      { path: "/invitations/:token", element: <InvitationPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: "/", element: <Navigate to="/alliances" replace /> },
          { path: "/alliances", element: <AlliancesPage /> },
          { path: "/alliances/:id", element: <AllianceHomePage /> },
          { path: "/organizations/:id", element: <OrganizationPage /> },
          { path: "/account", element: <AccountPage /> },
          { path: "/admin", element: <AdminPage /> },
          ...capabilityRoutes,
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
