import { useMeetingAction } from "./api";
import type { Meeting } from "./types";

/** Every action of the meeting page, each answering with the whole meeting. */
export function useMeetingActions(meeting: Meeting) {
  const a = meeting.allianceId;
  const m = meeting.id;
  return {
    addItem: useMeetingAction<{ title: string; description?: string; seatId?: string | null }>(a, m, "post", () => "/items", (i) => i),
    updateItem: useMeetingAction<{ itemId: string; version: number; title?: string; description?: string; notes?: string }>(
      a,
      m,
      "patch",
      (i) => `/items/${i.itemId}`,
      ({ itemId: _itemId, ...rest }) => rest,
    ),
    withdrawItem: useMeetingAction<{ itemId: string }>(a, m, "delete", (i) => `/items/${i.itemId}`),
    order: useMeetingAction<{ version: number; items: { id: string; durationMinutes: number | null }[] }>(a, m, "put", () => "/agenda", (i) => i),
    circulate: useMeetingAction<void>(a, m, "post", () => "/circulate"),
    start: useMeetingAction<void>(a, m, "post", () => "/start"),
    acknowledge: useMeetingAction<void>(a, m, "post", () => "/acknowledgements"),
    attendance: useMeetingAction<{ personId: string; status: "present" | "absent" | "excused" }>(a, m, "put", (i) => `/attendance/${i.personId}`, (i) => ({ status: i.status })),
    startItem: useMeetingAction<{ itemId: string }>(a, m, "post", (i) => `/items/${i.itemId}/start`),
    object: useMeetingAction<{ itemId: string; reason: string }>(a, m, "post", (i) => `/items/${i.itemId}/objections`, (i) => ({ reason: i.reason })),
    recordOutcome: useMeetingAction<{ kind: string; text: string; itemId: string | null; linkedRecordId: string | null }>(a, m, "post", () => "/outcomes", (i) => i),
    rate: useMeetingAction<{ rating: number }>(a, m, "put", () => "/rating", (i) => i),
    close: useMeetingAction<{ summary: string }>(a, m, "post", () => "/close", (i) => i),
  };
}

export type MeetingActions = ReturnType<typeof useMeetingActions>;
