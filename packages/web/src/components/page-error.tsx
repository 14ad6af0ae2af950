import { Alert, Button, Stack, Text } from "@mantine/core";
import { useRouteError } from "react-router";
import { usePageTitle } from "./page-title";

/** True when the error is a page's code that did not arrive (an app updated since it was opened, or a dropped connection). */
export function isPageCodeMissing(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|module script failed|error loading dynamically|Failed to fetch/i.test(error.message);
}

/**
 * What a page shows instead of itself when its code could not be loaded or it failed while
 * drawing: a plain explanation and a way out (reload), inside the app's layout.
 */
export function PageError() {
  const error = useRouteError();
  const missing = isPageCodeMissing(error);
  const title = missing ? "This page could not be loaded" : "Something went wrong on this page";
  usePageTitle(title);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {missing
            ? "Trellis may have been updated since you opened it, or the connection dropped. Reload to get the current version; nothing you saved is lost."
            : "Reload the page to try again; nothing you saved is lost. If it keeps happening, tell the alliance's facilitator what you were doing."}
        </Text>
        <Button size="xs" variant="default" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
