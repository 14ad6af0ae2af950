import { Group, Stack, Text, Tooltip } from "@mantine/core";
import type { AuthorshipBalance, CharterSeat, Clause } from "./types";

// Authorship made visible: which seats wrote and amended each clause, and how evenly the
// charter as a whole is co-written.

const palette = ["indigo.7", "teal.8", "orange.8", "grape.7", "cyan.8", "red.8", "lime.9", "pink.7", "yellow.8", "blue.9"];

/** A stable colour per seat, by the seat's place in the alliance. */
export function seatColor(seats: readonly CharterSeat[], seatId: string | null): string {
  if (seatId === null) return "gray.5";
  const index = seats.findIndex((s) => s.id === seatId);
  return palette[(index < 0 ? seats.length : index) % palette.length] ?? "gray.6";
}

function cssColor(color: string): string {
  const [name, shade] = color.split(".");
  return `var(--mantine-color-${name}-${shade ?? 6})`;
}

/** A thin bar of segments (decorative: the text beside it says the same). */
function SegmentBar({ segments, height = 8 }: { segments: { key: string; value: number; color: string; title: string }[]; height?: number }) {
  const total = segments.reduce((s, x) => s + x.value, 0);
  if (total === 0) return null;
  return (
    <div aria-hidden style={{ display: "flex", width: "100%", maxWidth: 240, height, borderRadius: 4, overflow: "hidden", background: "var(--mantine-color-gray-2)" }}>
      {segments
        .filter((s) => s.value > 0)
        .map((s) => (
          <Tooltip key={s.key} label={s.title} withinPortal>
            <div style={{ width: `${(s.value / total) * 100}%`, background: cssColor(s.color) }} />
          </Tooltip>
        ))}
    </div>
  );
}

/** "Written by Acme Water · amended by Blue Basin Trust", with a bar of who wrote how much of this clause. */
export function ClauseAuthorship({ clause, seats }: { clause: Clause; seats: readonly CharterSeat[] }) {
  const counts = new Map<string | null, { value: number; name: string }>();
  for (const entry of clause.authorship) {
    const known = counts.get(entry.seatId);
    counts.set(entry.seatId, { value: (known?.value ?? 0) + 1, name: entry.seatName ?? "Facilitator" });
  }
  const wrote = clause.authors.wroteBy ? `Written by ${clause.authors.wroteBy.name}` : clause.authors.facilitatorWritten ? "Drafted by a facilitator" : "Written before authorship was recorded";
  const amended = clause.authors.amendedBy.length > 0 ? ` · amended by ${clause.authors.amendedBy.map((s) => s.name).join(", ")}` : "";
  return (
    <Stack gap={4}>
      <SegmentBar segments={[...counts].map(([seatId, c]) => ({ key: seatId ?? "none", value: c.value, color: seatColor(seats, seatId), title: c.name }))} height={6} />
      <Text size="xs" c="dimmed" className="wrap-anywhere">
        {wrote}
        {amended}
      </Text>
    </Stack>
  );
}

/** The whole charter's authorship per seat: a bar each, with the counts in words. */
export function AuthorshipBalancePanel({ balance, seats }: { balance: AuthorshipBalance; seats: readonly CharterSeat[] }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        {balance.equity === null
          ? "No seat has written a clause yet."
          : `Balance ${Math.round(balance.equity * 100)}% — 100% means every seat has shaped the charter equally (1 − Gini over clauses written and amendments made).`}
      </Text>
      <Stack component="ul" gap="xs" aria-label="Authorship by seat" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {balance.seats.map((seat) => (
          <li key={seat.seatId}>
            <Group gap="xs" wrap="nowrap" align="center">
              <div aria-hidden style={{ width: 10, height: 10, borderRadius: 2, flexShrink: 0, background: cssColor(seatColor(seats, seat.seatId)) }} />
              <Text size="sm" fw={600} className="wrap-anywhere">
                {seat.name}
              </Text>
            </Group>
            <div aria-hidden style={{ width: "100%", maxWidth: 240, height: 8, borderRadius: 4, background: "var(--mantine-color-gray-2)", overflow: "hidden", margin: "2px 0" }}>
              <div style={{ width: `${Math.round(seat.share * 100)}%`, height: "100%", background: cssColor(seatColor(seats, seat.seatId)) }} />
            </div>
            <Text size="xs" c="dimmed">
              Wrote {seat.wrote}, amended {seat.amended} · {Math.round(seat.share * 100)}% of the writing
            </Text>
          </li>
        ))}
      </Stack>
      {balance.withoutSeat > 0 && (
        <Text size="xs" c="dimmed">
          {balance.withoutSeat} clause{balance.withoutSeat === 1 ? " was" : "s were"} drafted by a facilitator (not counted in the balance).
        </Text>
      )}
    </Stack>
  );
}
