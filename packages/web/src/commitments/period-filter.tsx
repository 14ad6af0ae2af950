import { Button, Group, TextInput } from "@mantine/core";
import { useState } from "react";
import type { Period } from "./api";
import { instantFromLocalInput } from "../components/local-time";

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The period of the ledger or the network, as days in the person's time zone ("to" includes its day). */
export function usePeriod(timeZone: string) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const fromIso = from ? instantFromLocalInput(`${from}T00:00`, timeZone) : null;
  const toIso = to ? instantFromLocalInput(`${nextDay(to)}T00:00`, timeZone) : null;
  const period: Period = { ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) };
  return { from, setFrom, to, setTo, period };
}

/** Two day fields and a reset: which period the measures count. */
export function PeriodFilter({ from, setFrom, to, setTo, error }: { from: string; setFrom: (v: string) => void; to: string; setTo: (v: string) => void; error?: string | undefined }) {
  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={error} />
      <TextInput label="Until (including)" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      {(from || to) && (
        <Button
          variant="default"
          onClick={() => {
            setFrom("");
            setTo("");
          }}
        >
          All time
        </Button>
      )}
    </Group>
  );
}
