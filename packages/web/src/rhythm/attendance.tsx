import { Alert, Button, Group, List, NativeSelect, Paper, Radio, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { FormError } from "../components/form-errors";
import { labelOf } from "../labels";
import { attendanceLabels } from "./labels";
import type { MeetingActions } from "./meeting-actions";
import type { Meeting } from "./types";

/**
 * The antitrust notice of an alliance whose seats include competitors: every attendee
 * acknowledges it before the agenda starts (the facilitator cannot start an item until then).
 */
export function AntitrustNotice({ meeting, actions }: { meeting: Meeting; actions: MeetingActions }) {
  if (!meeting.antitrustNotice.required) return null;
  const acknowledge = actions.acknowledge;
  return (
    <section aria-labelledby="notice-title">
      <Alert color="yellow" variant="light" title={<span id="notice-title">Antitrust notice</span>}>
        <Stack gap="xs">
          <Text size="sm" style={{ whiteSpace: "pre-line" }}>
            {meeting.antitrustNotice.text}
          </Text>
          {meeting.status === "scheduled" && <Text size="sm">Every attendee acknowledges this notice when the meeting starts.</Text>}
          {meeting.me.acknowledged && <Text size="sm" fw={600}>You acknowledged the notice.</Text>}
          {meeting.status === "in_progress" && meeting.pendingAcknowledgements.length > 0 && (
            <Text size="sm">Waiting for: {meeting.pendingAcknowledgements.map((p) => p.displayName).join(", ")}. The agenda starts once everyone present has acknowledged.</Text>
          )}
          <FormError error={acknowledge.error} title="Could not record your acknowledgement" />
          {meeting.can.acknowledge && (
            <Group>
              <Button loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
                I acknowledge the notice
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    </section>
  );
}

/** Who attends: per seat, and per person with their acknowledgement; the facilitator records it. */
export function Attendance({ meeting, actions, personId }: { meeting: Meeting; actions: MeetingActions; personId: string }) {
  const record = actions.attendance;
  // Where the notice is required, acknowledging it checks the person in.
  const checkIn = meeting.can.checkIn && !meeting.can.acknowledge;
  if (meeting.status === "scheduled" || meeting.status === "cancelled") return null;
  return (
    <section aria-labelledby="attendance-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="attendance-title">
          Attendance
        </Title>
        <List size="sm" aria-label="Attendance per seat">
          {meeting.seatAttendance.map((s) => (
            <List.Item key={s.seatId}>
              {s.name}: {s.present ? `present (${s.peoplePresent} ${s.peoplePresent === 1 ? "person" : "people"})` : "not present"}
              {s.expected ? "" : " · not expected"}
            </List.Item>
          ))}
        </List>
        <FormError error={record.error} title="Could not record attendance" />
        {checkIn && (
          <Group>
            <Button variant="default" loading={record.isPending} onClick={() => record.mutate({ personId, status: "present" })}>
              Check me in
            </Button>
          </Group>
        )}
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label="Attendance per person">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Person</Table.Th>
                <Table.Th scope="col">Attendance</Table.Th>
                {meeting.antitrustNotice.required && <Table.Th scope="col">Notice</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.roster.map((p) => (
                <Table.Tr key={p.personId}>
                  <Table.Td className="wrap-anywhere">
                    {p.displayName}
                    {p.seat ? (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        ({p.seat.name})
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {meeting.can.recordAttendance && p.attendance !== "left" ? (
                      <NativeSelect
                        aria-label={`Attendance of ${p.displayName}`}
                        size="xs"
                        value={p.attendance ?? ""}
                        onChange={(e) => {
                          const status = e.currentTarget.value as "present" | "absent" | "excused";
                          if (status) record.mutate({ personId: p.personId, status });
                        }}
                        data={[{ value: "", label: "Not recorded", disabled: true }, ...(["present", "absent", "excused"] as const).map((s) => ({ value: s, label: labelOf(attendanceLabels, s) }))]}
                      />
                    ) : (
                      labelOf(attendanceLabels, p.attendance ?? "") || "Not recorded"
                    )}
                  </Table.Td>
                  {meeting.antitrustNotice.required && <Table.Td>{p.acknowledgedAt ? "Acknowledged" : "—"}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </section>
  );
}

/** Each attendee rates the meeting 1–5; only the aggregate is shown. */
export function Ratings({ meeting, actions }: { meeting: Meeting; actions: MeetingActions }) {
  const rate = actions.rate;
  // The person's choice shows at once (the mutation's own state arrives a tick later, and a
  // refetch under way may still carry the old rating).
  const [choice, setChoice] = useState<number | null>(null);
  if (meeting.status !== "in_progress" && meeting.status !== "closed") return null;
  const { ratings } = meeting;
  return (
    <section aria-labelledby="ratings-title">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h3" id="ratings-title">
            Rating
          </Title>
          <Text size="sm">{ratings.count === 0 ? "No ratings yet." : `Average ${ratings.average?.toFixed(1)} of 5 from ${ratings.count} ${ratings.count === 1 ? "rating" : "ratings"}.`}</Text>
          <FormError error={rate.error} title="Could not save your rating" />
          {meeting.can.rate ? (
            <Radio.Group
              label="Your rating of this meeting"
              description="1 = a waste of time, 5 = time well spent. Others see only the average."
              value={String(choice ?? meeting.me.rating ?? "")}
              onChange={(value) => {
                setChoice(Number(value));
                rate.mutate({ rating: Number(value) }, { onError: () => setChoice(null) });
              }}
            >
              <Group gap="md" mt={4}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Radio key={n} value={String(n)} label={String(n)} />
                ))}
              </Group>
            </Radio.Group>
          ) : (
            <Text size="sm" c="dimmed">
              Attendees rate the meeting once they are recorded as present.
            </Text>
          )}
        </Stack>
      </Paper>
    </section>
  );
}
