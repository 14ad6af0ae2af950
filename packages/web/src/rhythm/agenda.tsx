import { ActionIcon, Badge, Button, Group, Modal, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { EmptyState } from "../components/page-states";
import { formatDateTime, labelOf } from "../labels";
import { outcomeKindLabels } from "./labels";
import type { MeetingActions } from "./meeting-actions";
import type { AgendaItem, Meeting } from "./types";

function authorOf(item: AgendaItem): string {
  return item.seat ? `${item.seat.name} (${item.author.displayName})` : `${item.author.displayName}, for the facilitation`;
}

/** Adds an item: a delegate for their seat, a facilitator for any seat or none. */
function AddItemForm({ home, actions }: { home: AllianceHome; actions: MeetingActions }) {
  const facilitator = home.me.roles.includes("facilitator");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [seatId, setSeatId] = useState(facilitator ? "" : (home.me.seatIds[0] ?? ""));
  const add = actions.addItem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { title, ...(description ? { description } : {}), ...(facilitator ? { seatId: seatId || null } : {}) },
      {
        onSuccess: () => {
          setTitle("");
          setDescription("");
        },
      },
    );
  };
  const mySeat = home.seats.find((s) => s.id === home.me.seatIds[0]);
  return (
    <form onSubmit={submit} noValidate aria-label="Add an agenda item">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Add an agenda item
        </Title>
        <FormError error={add.error} fields={["title", "description", "seatId"]} title={isApiError(add.error, "agenda_closed") ? "The agenda is closed" : "Could not add the item"} />
        <TextInput label="Item" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(add.error, "title")} />
        <Textarea label="What the alliance should know or decide" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(add.error, "description")} />
        {facilitator ? (
          <NativeSelect
            label="On behalf of"
            value={seatId}
            onChange={(e) => setSeatId(e.currentTarget.value)}
            data={[{ value: "", label: "The facilitation (no seat)" }, ...home.seats.map((s) => ({ value: s.id, label: s.organization.name }))]}
            error={fieldError(add.error, "seatId")}
          />
        ) : (
          mySeat && (
            <Text size="sm" c="dimmed">
              Added on behalf of {mySeat.organization.name}.
            </Text>
          )
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            Add item
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The facilitator's ordering: move items up and down (buttons, so the keyboard does it too) and
 * give each a time box, then save the whole order with the meeting's version.
 */
function OrderAgenda({ meeting, actions, onDone, onReload }: { meeting: Meeting; actions: MeetingActions; onDone: () => void; onReload: () => Promise<Meeting | undefined> }) {
  const [base, setBase] = useState(meeting);
  const [items, setItems] = useState(meeting.agenda.map((i) => ({ id: i.id, title: i.title, durationMinutes: i.durationMinutes })));
  const order = actions.order;
  const stale = isApiError(order.error, "stale_version");
  const move = (index: number, by: number) =>
    setItems((old) => {
      const next = [...old];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    order.mutate({ version: base.version, items: items.map((i) => ({ id: i.id, durationMinutes: i.durationMinutes })) }, { onSuccess: onDone });
  };
  const reload = async () => {
    const latest = await onReload();
    if (!latest) return;
    setBase(latest);
    setItems(latest.agenda.map((i) => ({ id: i.id, title: i.title, durationMinutes: i.durationMinutes })));
    order.reset();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Order the agenda">
      <Stack gap="sm">
        <FormError error={order.error} title={stale ? "Someone else changed the agenda" : "Could not save the order"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load the current agenda
            </Button>
          </Group>
        )}
        <Text size="sm">Move items with the arrows and give each a time box in minutes (empty: no time box).</Text>
        <Stack gap="xs" component="ol" aria-label="Agenda order" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((item, index) => (
            <Paper key={item.id} withBorder p="xs" radius="md" component="li" aria-label={`${index + 1}. ${item.title}`}>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <Stack gap={2}>
                  <ActionIcon variant="default" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move “${item.title}” up`}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="default" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={`Move “${item.title}” down`}>
                    ↓
                  </ActionIcon>
                </Stack>
                <Text size="sm" style={{ flex: 1, minWidth: 0 }} className="wrap-anywhere">
                  {index + 1}. {item.title}
                </Text>
                <NumberInput
                  label="Minutes"
                  aria-label={`Minutes for “${item.title}”`}
                  w={90}
                  min={1}
                  max={480}
                  value={item.durationMinutes ?? ""}
                  onChange={(v) => setItems((old) => old.map((i) => (i.id === item.id ? { ...i, durationMinutes: typeof v === "number" ? v : null } : i)))}
                />
              </Group>
            </Paper>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={order.isPending}>
            Save the order
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The facilitator's notes of an item (once it started); after closing, an edit adds a minutes version. */
function ItemNotes({ item, actions, canEdit }: { item: AgendaItem; actions: MeetingActions; canEdit: boolean }) {
  const [notes, setNotes] = useState(item.notes);
  const [base, setBase] = useState(item);
  const update = actions.updateItem;
  const mine = update.variables?.itemId === item.id;
  const stale = mine && isApiError(update.error, "stale_version");
  if (!canEdit || !item.startedAt) {
    return item.notes ? (
      <Text size="sm" style={{ whiteSpace: "pre-line" }} className="wrap-anywhere">
        <Text span fw={600} size="sm">
          Notes:
        </Text>{" "}
        {item.notes}
      </Text>
    ) : null;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ itemId: item.id, version: base.version, notes }, { onSuccess: (m) => setBase(m.agenda.find((i) => i.id === item.id) ?? base) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Notes of “${item.title}”`}>
      <Stack gap={6}>
        {mine && <FormError error={update.error} fields={["notes"]} title={stale ? "Someone else changed these notes" : "Could not save the notes"} />}
        {stale && (
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setBase(item);
                setNotes(item.notes);
                update.reset();
              }}
            >
              Load their notes
            </Button>
          </Group>
        )}
        <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={mine ? fieldError(update.error, "notes") : undefined} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" variant="default" disabled={notes === base.notes} loading={update.isPending && mine}>
            Save notes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AgendaItemCard({ meeting, item, actions, timeZone, onObject }: { meeting: Meeting; item: AgendaItem; actions: MeetingActions; timeZone: string; onObject: (item: AgendaItem) => void }) {
  const objections = meeting.objections.filter((o) => o.itemId === item.id);
  const outcomes = meeting.outcomes.filter((o) => o.itemId === item.id);
  const startItem = actions.startItem;
  const withdraw = actions.withdrawItem;
  const startError = startItem.variables?.itemId === item.id ? startItem.error : null;
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={`${item.position}. ${item.title}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={600} className="wrap-anywhere" style={{ minWidth: 0 }}>
            {item.position}. {item.title}
          </Text>
          <Group gap={4}>
            {item.isLate && <Badge color="orange.9">Late item</Badge>}
            {item.startedAt && <Badge color="teal.9">Discussed</Badge>}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          Added by {authorOf(item)}
          {item.durationMinutes ? ` · ${item.durationMinutes} min` : ""}
          {item.plannedStart ? ` from ${formatDateTime(item.plannedStart, timeZone)}` : ""}
        </Text>
        {item.description && (
          <Text size="sm" style={{ whiteSpace: "pre-line" }} className="wrap-anywhere">
            {item.description}
          </Text>
        )}
        <ItemNotes key={`${item.id}:${item.version}`} item={item} actions={actions} canEdit={meeting.can.recordNotes} />
        {outcomes.length > 0 && (
          <Stack gap={2}>
            {outcomes.map((o) => (
              <Text key={o.id} size="sm" className="wrap-anywhere">
                <Text span fw={600} size="sm">
                  {labelOf(outcomeKindLabels, o.kind)}:
                </Text>{" "}
                {o.text}
              </Text>
            ))}
          </Stack>
        )}
        {objections.map((o) => (
          <Text key={o.id} size="sm" c="red.9" className="wrap-anywhere">
            {o.person.displayName}
            {o.seat ? ` (${o.seat.name})` : ""} objected and left the meeting{o.reason ? `: “${o.reason}”` : "."}
          </Text>
        ))}
        {startError && <FormError error={startError} title={isApiError(startError, "acknowledgement_required") ? "Waiting for the antitrust notice" : "Could not start the item"} />}
        <Group gap="xs">
          {meeting.can.startItem && !item.startedAt && (
            <Button size="compact-sm" loading={startItem.isPending && startItem.variables?.itemId === item.id} onClick={() => startItem.mutate({ itemId: item.id })} aria-label={`Start this item: ${item.title}`}>
              Start this item
            </Button>
          )}
          {meeting.can.object && (
            <Button size="compact-sm" variant="default" color="red" onClick={() => onObject(item)} aria-label={`Object and leave: ${item.title}`}>
              Object and leave
            </Button>
          )}
          {item.canChange && meeting.status === "scheduled" && (
            <Button size="compact-sm" variant="subtle" color="red" loading={withdraw.isPending && withdraw.variables?.itemId === item.id} onClick={() => withdraw.mutate({ itemId: item.id })} aria-label={`Withdraw: ${item.title}`}>
              Withdraw
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Object to an item and leave: written into the minutes with the reason given. */
function ObjectForm({ item, actions, onDone }: { item: AgendaItem; actions: MeetingActions; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const object = actions.object;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    object.mutate({ itemId: item.id, reason }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Object and leave">
      <Stack gap="sm">
        <Text size="sm">
          You object to “{item.title}” and leave the meeting. The minutes record your objection, your seat and your reason; you take no further part in this meeting.
        </Text>
        <FormError error={object.error} fields={["reason"]} title="Could not record the objection" />
        <Textarea label="Reason (for the minutes)" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(object.error, "reason")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Stay
          </Button>
          <Button type="submit" color="red.9" loading={object.isPending}>
            Object and leave
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The agenda: items with their seat, time boxes and notes; adding, ordering, starting, objecting. */
export function Agenda({ meeting, home, actions, timeZone, onReload }: { meeting: Meeting; home: AllianceHome; actions: MeetingActions; timeZone: string; onReload: () => Promise<Meeting | undefined> }) {
  const [ordering, setOrdering] = useState(false);
  const [objecting, setObjecting] = useState<AgendaItem | null>(null);
  const phone = useMediaQuery("(max-width: 36em)");
  const cutoff = formatDateTime(meeting.agendaCutoffAt, timeZone);
  return (
    <section aria-labelledby="agenda-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h3" id="agenda-title">
            Agenda
          </Title>
          {meeting.can.order && meeting.agenda.length > 0 && !ordering && (
            <Button variant="default" onClick={() => setOrdering(true)}>
              Order and time-box
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {meeting.agendaOpen ? `Every seat's delegate adds items until ${cutoff}.` : meeting.status === "scheduled" ? `The agenda closed at ${cutoff}; the facilitator can still add late items.` : `The agenda closed at ${cutoff}.`}
          {meeting.agendaCirculatedAt ? ` Circulated ${formatDateTime(meeting.agendaCirculatedAt, timeZone)}.` : ""}
        </Text>
        {ordering ? (
          <OrderAgenda meeting={meeting} actions={actions} onDone={() => setOrdering(false)} onReload={onReload} />
        ) : meeting.agenda.length === 0 ? (
          <EmptyState title="No agenda items yet">{meeting.can.addItem ? "Add what your seat wants the alliance to discuss." : "Delegates of the seats add items before the cutoff."}</EmptyState>
        ) : (
          <Stack gap="xs" component="ol" aria-label="Agenda items" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {meeting.agenda.map((item) => (
              <AgendaItemCard key={item.id} meeting={meeting} item={item} actions={actions} timeZone={timeZone} onObject={setObjecting} />
            ))}
          </Stack>
        )}
        {meeting.can.addItem && !ordering && (
          <Paper withBorder p="md" radius="md">
            <AddItemForm home={home} actions={actions} />
          </Paper>
        )}
      </Stack>
      <Modal fullScreen={phone} opened={objecting !== null} onClose={() => setObjecting(null)} title="Object and leave">
        {objecting && <ObjectForm item={objecting} actions={actions} onDone={() => setObjecting(null)} />}
      </Modal>
    </section>
  );
}
