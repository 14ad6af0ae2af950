import { canSee, type AllianceViewer } from "@trellis/core";
import { loadEvent, visibilityFromColumns, type Database } from "@trellis/db";
import { presentEvent } from "../presenters/event.presenter";

interface Subscriber {
  allianceId: string;
  viewer: () => Promise<AllianceViewer | null>;
  send: (event: string, data: unknown) => void;
}

/**
 * Fans committed events out to server-sent-event subscribers. Events arrive by NOTIFY, so every
 * server instance on one Postgres hears every other's writes; each subscriber gets only the
 * events its viewer may see, checked with the same rule the queries use.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.stop = await this.database.listen("trellis_events", (payload) => {
      void this.deliver(payload).catch((error: Error) => console.error("realtime delivery failed:", error.message));
    });
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  private async deliver(payload: string): Promise<void> {
    const { allianceId, seq } = JSON.parse(payload) as { allianceId: string; seq: number };
    const listeners = [...this.subscribers].filter((s) => s.allianceId === allianceId);
    if (listeners.length === 0) return;
    const row = await loadEvent(this.database.db, allianceId, seq);
    if (!row) return;
    const visibility = visibilityFromColumns(row);
    const presented = presentEvent(row);
    for (const listener of listeners) {
      const viewer = await listener.viewer();
      if (viewer && canSee(viewer, visibility)) listener.send("event", presented);
    }
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.subscribers.clear();
  }
}
