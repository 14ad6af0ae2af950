import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../api/session";
import { LoadError, Loading } from "./page-states";

/** Shows its routes to a signed-in person; sends anyone else to sign in, and back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your session…" />;
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data.person) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
