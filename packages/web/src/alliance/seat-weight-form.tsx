import { Button, Group, NumberInput, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import { useUpdateSeat } from "../api/alliances";
import type { AllianceHome, Seat } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";

/** Changes one seat's weight (facilitators; versioned). */
export function SeatWeightForm({ home, seat, onDone }: { home: AllianceHome; seat: Seat; onDone: () => void }) {
  const [weight, setWeight] = useState<number | string>(seat.weight);
  const update = useUpdateSeat(home.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ seatId: seat.id, version: seat.version, weight: Number(weight) }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Weight of ${seat.organization.name}'s seat`}>
      <Stack gap="sm">
        <FormError error={update.error} fields={["weight"]} title={isApiError(update.error, "stale_version") ? "Someone else changed this seat; close and open again" : "Could not save"} />
        <NumberInput label="Weight" min={0.1} max={1000} step={0.5} decimalScale={2} value={weight} onChange={setWeight} error={fieldError(update.error, "weight")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save weight
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
