import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";
import { Drawer, MantineProvider, Modal, Notification, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { isApiError } from "./api/client";
import { sessionKey } from "./api/session";
import type { Session } from "./api/types";
import { router } from "./router";

// Shade 8 of the primary colour keeps white text on buttons above 4.5:1 contrast.
// Close buttons of dialogs and notifications get a name screen readers can say.
const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  defaultRadius: "md",
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close navigation" } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Dismiss" } } }),
  },
});
// Mantine's dimmed grey and the text of light alerts are below 4.5:1; darker shades keep them readable.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-red-light-color": "var(--mantine-color-red-9)",
    "--mantine-color-blue-light-color": "var(--mantine-color-blue-9)",
    "--mantine-color-teal-light-color": "var(--mantine-color-teal-9)",
    "--mantine-color-orange-light-color": "#b23c0c",
    "--mantine-color-yellow-light-color": "#a35400",
  },
  dark: {},
});

function forgetPersonWhenSignedOut(error: unknown): void {
  if (isApiError(error, "unauthenticated")) {
    queryClient.setQueryData<Session>(sessionKey, (old) => (old?.person ? { ...old, person: null } : old));
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetPersonWhenSignedOut }),
  mutationCache: new MutationCache({ onError: forgetPersonWhenSignedOut }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; network trouble might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html needs a #root element.");
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
