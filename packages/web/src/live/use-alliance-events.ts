import { useEffect, useRef, useState } from "react";
import type { ActivityItem } from "../api/types";

export type LiveState = "connecting" | "live" | "reconnecting";

/**
 * Listens to the alliance's event stream (GET /api/v1/alliances/:id/stream): calls onEvent for
 * each event the viewer may see, and onReconnect after a dropped connection came back (refetch
 * then, so nothing missed stays missing). One stream per mounted component; closed on unmount.
 */
export function useAllianceEvents(allianceId: string | undefined, onEvent: (item: ActivityItem) => void, onReconnect?: () => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlers = useRef({ onEvent, onReconnect });
  useEffect(() => {
    handlers.current = { onEvent, onReconnect };
  }, [onEvent, onReconnect]);
  useEffect(() => {
    if (!allianceId || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let dropped = false;
    let closed = false;
    const connect = () => {
      source = new EventSource(`/api/v1/alliances/${allianceId}/stream`, { withCredentials: true });
      source.onopen = () => {
        setState("live");
        if (dropped) handlers.current.onReconnect?.();
        dropped = false;
      };
      source.onerror = () => {
        dropped = true;
        setState("reconnecting");
        // The browser retries a dropped stream itself, but gives up on an error answer: try again later.
        if (source?.readyState === EventSource.CLOSED && !closed) {
          source.close();
          retry = setTimeout(connect, 5000);
        }
      };
      source.addEventListener("event", (message: MessageEvent<string>) => {
        let item: ActivityItem;
        try {
          item = JSON.parse(message.data) as ActivityItem;
        } catch {
          return;
        }
        handlers.current.onEvent(item);
      });
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [allianceId]);
  return state;
}
