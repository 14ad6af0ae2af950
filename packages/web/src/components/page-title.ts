import { useEffect } from "react";

/** Sets the browser tab's title for the page ("Alliances · Trellis"). */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : "Trellis";
  }, [title]);
}
