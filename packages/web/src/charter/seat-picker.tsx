import { NativeSelect } from "@mantine/core";

/** Which seat to act for; shown only to someone who is a delegate of more than one. */
export function SeatPicker({ seats, value, onChange, error }: { seats: readonly { id: string; name: string }[]; value: string; onChange: (seatId: string) => void; error?: string | undefined }) {
  if (seats.length < 2) return null;
  return <NativeSelect label="For seat" value={value} onChange={(e) => onChange(e.currentTarget.value)} data={seats.map((s) => ({ value: s.id, label: s.name }))} error={error} />;
}
