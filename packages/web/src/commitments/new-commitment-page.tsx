import { Anchor, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../api/client";
import { useAllianceHome } from "../api/alliances";
import { useMe } from "../api/session";
import type { AllianceHome } from "../api/types";
import { FormError } from "../components/form-errors";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { usePageTitle } from "../components/page-title";
import { NotFoundPage } from "../pages/not-found-page";
import { useCreateCommitment } from "./api";
import { commitmentPath } from "./components";
import { commitmentFieldError, isPlacedFieldError } from "./field-errors";
import { instantFromLocalInput } from "../components/local-time";
import { timeZoneOptions } from "./format";

interface Counterpart {
  value: string;
  label: string;
  personId: string;
  seatId: string;
}

/** The people who act for a seat other than mine: whom I may ask, or offer to. */
function counterpartsOf(home: AllianceHome, meId: string): Counterpart[] {
  return home.seats
    .filter((seat) => !home.me.seatIds.includes(seat.id))
    .flatMap((seat) =>
      seat.people
        .filter((person) => person.id !== meId && person.roles.some((role) => role === "delegate" || role === "member"))
        .map((person) => ({ value: `${person.id}:${seat.id}`, label: `${person.displayName} — ${seat.organization.name}`, personId: person.id, seatId: seat.id })),
    );
}

function NewCommitmentForm({ home }: { home: AllianceHome }) {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const counterparts = counterpartsOf(home, me.id);
  const mySeats = home.seats.filter((seat) => home.me.seatIds.includes(seat.id));
  const [opening, setOpening] = useState<"request" | "offer">(params.get("opening") === "offer" ? "offer" : "request");
  const [to, setTo] = useState(counterparts.find((c) => c.personId === params.get("to"))?.value ?? "");
  const [seatId, setSeatId] = useState(mySeats[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [conditions, setConditions] = useState("");
  const [due, setDue] = useState("");
  const [zone, setZone] = useState(me.timeZone);
  const [message, setMessage] = useState("");
  const [visibility, setVisibility] = useState<"alliance" | "seats">("alliance");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const create = useCreateCommitment(home.id);

  if (mySeats.length === 0) {
    return <EmptyState title="You act for no seat here">Requests and offers are made on behalf of a seat; ask the facilitator to seat you.</EmptyState>;
  }
  if (counterparts.length === 0) {
    return <EmptyState title="Nobody to ask yet">No one acts for another seat of this alliance yet. Once partners have joined, you can ask them here.</EmptyState>;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const counterpart = counterparts.find((c) => c.value === to);
    if (!counterpart) problems["counterpart.personId"] = "Choose the person.";
    if (!title.trim()) problems.title = "Give it a short title.";
    if (!conditions.trim()) problems.conditions = "Say what done means.";
    const dueAt = instantFromLocalInput(due, zone);
    if (!dueAt) problems.dueAt = "Give a date and a time.";
    setMissing(problems);
    if (!counterpart || !dueAt || Object.keys(problems).length > 0) return;
    create.mutate(
      {
        opening,
        title: title.trim(),
        conditions: conditions.trim(),
        dueAt,
        timeZone: zone,
        ...(mySeats.length > 1 ? { seatId } : {}),
        counterpart: { personId: counterpart.personId, seatId: counterpart.seatId },
        ...(visibility === "seats" ? { visibility: { level: "seats" as const, seatIds: [...new Set([seatId, counterpart.seatId])] } } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      },
      { onSuccess: (created) => navigate(commitmentPath(created)) },
    );
  };
  const fields = ["title", "conditions", "dueAt", "timeZone", "counterpart", "seatId", "message", "opening", "visibility"];
  const errorFor = (field: string) => missing[field] ?? commitmentFieldError(create.error, field);
  const asking = opening === "request";

  return (
    <form onSubmit={submit} noValidate aria-label={asking ? "New request" : "New offer"}>
      <Stack gap="sm">
        <FormError error={isPlacedFieldError(create.error, fields) ? null : create.error} fields={fields} title={asking ? "Could not send the request" : "Could not send the offer"} />
        <SegmentedControl
          value={opening}
          onChange={(value) => setOpening(value === "offer" ? "offer" : "request")}
          data={[
            { value: "request", label: "I ask (request)" },
            { value: "offer", label: "I offer to do it" },
          ]}
          fullWidth
          aria-label="Request or offer"
        />
        <Text size="sm" c="dimmed">
          {asking ? "They answer: promise, suggest other terms, or decline. You declare when it is done." : "You bind yourself to these terms once they accept; they declare when it is done."}
        </Text>
        <NativeSelect
          label={asking ? "Ask whom" : "Offer to whom"}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data={[{ value: "", label: "Choose a person…" }, ...counterparts.map((c) => ({ value: c.value, label: c.label }))]}
          error={errorFor("counterpart.personId") ?? errorFor("counterpart")}
        />
        {mySeats.length > 1 && (
          <NativeSelect label="You act for" value={seatId} onChange={(e) => setSeatId(e.currentTarget.value)} data={mySeats.map((seat) => ({ value: seat.id, label: seat.organization.name }))} error={errorFor("seatId")} />
        )}
        <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errorFor("title")} maxLength={200} />
        <Textarea
          label="Conditions of satisfaction"
          description="What done means, so that both of you can tell."
          required
          autosize
          minRows={3}
          value={conditions}
          onChange={(e) => setConditions(e.currentTarget.value)}
          error={errorFor("conditions")}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label="Due date" type="datetime-local" required value={due} onChange={(e) => setDue(e.currentTarget.value)} error={errorFor("dueAt")} style={{ minWidth: 200 }} />
          <NativeSelect label="Time zone of the date" value={zone} onChange={(e) => setZone(e.currentTarget.value)} data={timeZoneOptions(me.timeZone)} error={errorFor("timeZone")} style={{ minWidth: 200 }} />
        </Group>
        <NativeSelect
          label="Who may see it"
          description="Facilitators see every commitment; the two seats always see theirs."
          value={visibility}
          onChange={(e) => setVisibility(e.currentTarget.value === "seats" ? "seats" : "alliance")}
          data={[
            { value: "alliance", label: "The whole alliance" },
            { value: "seats", label: "Only our two seats" },
          ]}
          error={errorFor("visibility")}
        />
        <Textarea label="Message (optional)" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={errorFor("message")} />
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={`/alliances/${home.id}/commitments`}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            {asking ? "Send request" : "Send offer"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A new request (or offer) to a person of another seat. */
export function NewCommitmentPage() {
  const { id = "" } = useParams();
  const home = useAllianceHome(id);
  usePageTitle("New request");
  if (home.isPending) return <Loading label="Loading the alliance…" />;
  if (home.isError) {
    if (isApiError(home.error, "not_found") || isApiError(home.error, "validation_failed")) return <NotFoundPage what="alliance" />;
    return <LoadError error={home.error} onRetry={() => void home.refetch()} title="The alliance could not be loaded" />;
  }
  return (
    <Stack gap="lg" maw={720}>
      <Anchor component={Link} to={`/alliances/${id}/commitments`} size="sm">
        ← Commitments of {home.data.name}
      </Anchor>
      <Title order={1}>Ask or offer</Title>
      <Paper withBorder p="md" radius="md">
        <NewCommitmentForm home={home.data} />
      </Paper>
    </Stack>
  );
}
