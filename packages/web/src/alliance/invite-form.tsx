import { allianceRoles, type AllianceRole } from "@trellis/core";
import { Button, NativeSelect, Stack, TextInput, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useInvite } from "../api/alliances";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { roleLabels } from "../labels";

const noSeat = "";
const rolesNeedingSeat: readonly AllianceRole[] = ["delegate", "member"];

/** Invites someone by email: facilitators into any seat (or none), delegates into their own seats. */
export function InviteForm({ home }: { home: AllianceHome }) {
  const isFacilitator = home.me.roles.includes("facilitator");
  const seats = isFacilitator ? home.seats : home.seats.filter((seat) => home.me.seatIds.includes(seat.id));
  const roles = allianceRoles.filter((role) => isFacilitator || (role !== "facilitator" && role !== "counsel" && role !== "observer"));
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AllianceRole>("delegate");
  const [seatId, setSeatId] = useState<string>(seats[0]?.id ?? noSeat);
  const [message, setMessage] = useState("");
  const invite = useInvite(home.id);
  const seatOptions = [...(isFacilitator ? [{ value: noSeat, label: "No seat (for facilitators, observers, counsel)" }] : []), ...seats.map((seat) => ({ value: seat.id, label: seat.organization.name }))];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), role, seatId: seatId === noSeat ? null : seatId, ...(message.trim() ? { message: message.trim() } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", title: "Invitation sent", message: `${email.trim()} will get a link by mail.` });
          setEmail("");
          setMessage("");
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Invite someone">
      <Stack gap="sm">
        <FormError error={invite.error} fields={["email", "role", "seatId", "message"]} title="Could not send the invitation" />
        <TextInput label="Email of the person to invite" type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(invite.error, "email")} />
        <NativeSelect label="Role" value={role} onChange={(e) => setRole(e.currentTarget.value as AllianceRole)} data={roles.map((r) => ({ value: r, label: roleLabels[r] }))} error={fieldError(invite.error, "role")} />
        <NativeSelect
          label="Seat"
          description={rolesNeedingSeat.includes(role) ? "A delegate or member acts for a seat." : undefined}
          value={seatId}
          onChange={(e) => setSeatId(e.currentTarget.value)}
          data={seatOptions}
          error={fieldError(invite.error, "seatId")}
        />
        <Textarea label="Personal note (optional)" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={fieldError(invite.error, "message")} />
        <Button type="submit" loading={invite.isPending} disabled={seatOptions.length === 0}>
          Send invitation
        </Button>
      </Stack>
    </form>
  );
}
