import { Button, Checkbox, Group, List, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState, type FormEvent } from "react";
import { isApiError } from "../api/client";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { useSaveCadence, useSchedulePreview } from "./api";
import { cadenceKindHelp, cadenceKindLabels, nthLabels, weekdayLabels } from "./labels";
import type { Cadence, Repeat, Schedule, Weekday } from "./types";

type Pattern = Repeat["pattern"];

const patternLabels: Record<Pattern, string> = {
  monthly_weekday: "Monthly, on a weekday (e.g. the first Tuesday)",
  monthly_day: "Monthly, on a day of the month",
  monthly_last_weekday: "Monthly, on the last working day",
  weekly: "Weekly",
  quarterly_weekday: "Quarterly, on a weekday",
  yearly: "Yearly",
};

const weekdayCodes = Object.keys(weekdayLabels) as Weekday[];

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...zones])];
}

/** Today's date in a zone, as YYYY-MM-DD (the default first day of a new cadence). */
function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

interface ScheduleFields {
  pattern: Pattern;
  every: number;
  weekdays: Weekday[];
  nth: string;
  weekday: Weekday;
  day: number;
  time: string;
  timeZone: string;
  startOn: string;
}

function buildRepeat(f: ScheduleFields): Repeat {
  switch (f.pattern) {
    case "weekly":
      return { pattern: "weekly", everyWeeks: f.every, weekdays: f.weekdays.length ? f.weekdays : [f.weekday] };
    case "monthly_weekday":
      return { pattern: "monthly_weekday", everyMonths: f.every, nth: Number(f.nth), weekday: f.weekday };
    case "quarterly_weekday":
      return { pattern: "quarterly_weekday", nth: Number(f.nth), weekday: f.weekday };
    case "monthly_day":
      return { pattern: "monthly_day", everyMonths: f.every, day: f.day };
    case "monthly_last_weekday":
      return { pattern: "monthly_last_weekday", everyMonths: f.every };
    case "yearly":
      return { pattern: "yearly", everyYears: f.every };
  }
}

function buildSchedule(f: ScheduleFields): Schedule | null {
  if (!/^\d{2}:\d{2}$/.test(f.time) || !/^\d{4}-\d{2}-\d{2}$/.test(f.startOn) || !f.timeZone) return null;
  return { kind: "form", repeat: buildRepeat(f), time: f.time, timeZone: f.timeZone, startOn: f.startOn };
}

const everyUnit: Partial<Record<Pattern, string>> = { weekly: "weeks", monthly_weekday: "months", monthly_day: "months", monthly_last_weekday: "months", yearly: "years" };

/**
 * Defines or changes a cadence (facilitators): what kind of meeting, how it recurs (the form
 * builds the recurrence rule), when and in which zone, how long, the agenda cutoff and the seats
 * expected. The server's reading of the schedule (in words, with the next dates in my time zone)
 * shows as it is filled in.
 */
export function CadenceForm({
  home,
  cadence,
  personTimeZone,
  onDone,
  onReload,
}: {
  home: AllianceHome;
  cadence: Cadence | null;
  personTimeZone: string;
  onDone: () => void;
  onReload: () => Promise<Cadence | undefined>;
}) {
  const [base, setBase] = useState(cadence);
  const [kind, setKind] = useState(cadence?.kind ?? "tactical_check_in");
  const [title, setTitle] = useState(cadence?.title ?? "");
  const [description, setDescription] = useState(cadence?.description ?? "");
  const [location, setLocation] = useState(cadence?.location ?? "");
  const [duration, setDuration] = useState<number | string>(cadence?.durationMinutes ?? 60);
  const [cutoffHours, setCutoffHours] = useState<number | string>(cadence ? cadence.agendaCutoffMinutes / 60 : 48);
  const [seatIds, setSeatIds] = useState<string[]>(cadence ? cadence.expectedSeats.map((s) => s.id) : home.seats.map((s) => s.id));
  const [changeSchedule, setChangeSchedule] = useState(cadence === null);
  const [archived, setArchived] = useState(cadence?.archived ?? false);
  const [fields, setFields] = useState<ScheduleFields>({
    pattern: "monthly_weekday",
    every: 1,
    weekdays: ["TU"],
    nth: "1",
    weekday: "TU",
    day: 1,
    time: cadence?.dtstart.slice(11, 16) ?? "15:00",
    timeZone: cadence?.timeZone ?? personTimeZone,
    startOn: cadence?.dtstart.slice(0, 10) ?? todayIn(personTimeZone),
  });
  const set = <K extends keyof ScheduleFields>(key: K, value: ScheduleFields[K]) => setFields((old) => ({ ...old, [key]: value }));
  const zones = useMemo(() => timeZones(fields.timeZone), [fields.timeZone]);
  const schedule = changeSchedule ? buildSchedule(fields) : null;
  const [debounced] = useDebouncedValue(schedule, 300);
  const preview = useSchedulePreview(home.id, debounced, typeof duration === "number" ? Math.max(1, duration) : 60);
  const save = useSaveCadence(home.id, cadence?.id ?? null);
  const stale = isApiError(save.error, "stale_version");
  const scheduleError = (name: string) => fieldError(save.error, `schedule.${name}`) ?? fieldError(preview.error, `schedule.${name}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      title,
      description,
      location,
      durationMinutes: typeof duration === "number" ? duration : Number(duration),
      agendaCutoffMinutes: Math.round((typeof cutoffHours === "number" ? cutoffHours : Number(cutoffHours)) * 60),
      expectedSeatIds: seatIds,
      ...(schedule ? { schedule } : {}),
    };
    save.mutate(base ? { version: base.version, ...common, ...(archived !== base.archived ? { archived } : {}) } : { kind, ...common }, { onSuccess: onDone });
  };
  const reload = async () => {
    const latest = await onReload();
    if (latest) setBase(latest);
    save.reset();
  };

  const unit = everyUnit[fields.pattern];
  const scheduleFields = [
    "kind",
    "title",
    "description",
    "location",
    "durationMinutes",
    "agendaCutoffMinutes",
    "expectedSeatIds",
    "archived",
    "schedule.time",
    "schedule.timeZone",
    "schedule.startOn",
    "schedule.repeat",
  ];

  return (
    <form onSubmit={submit} noValidate aria-label={cadence ? "Edit the cadence" : "Define a cadence"}>
      <Stack gap="sm">
        <FormError error={save.error} fields={scheduleFields} title={stale ? "Someone else changed this cadence" : "Could not save the cadence"} />
        {stale && (
          <Group>
            <Button size="xs" variant="default" onClick={() => void reload()}>
              Load their version, keep my changes
            </Button>
          </Group>
        )}
        {!cadence && (
          <NativeSelect
            label="Kind"
            description={cadenceKindHelp[kind]}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={Object.entries(cadenceKindLabels).map(([value, label]) => ({ value, label }))}
            error={fieldError(save.error, "kind")}
          />
        )}
        <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(save.error, "title")} />
        <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(save.error, "description")} />
        <TextInput label="Location or call link" value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={fieldError(save.error, "location")} />

        {cadence && <Switch label="Change the schedule" description={`Now: ${cadence.ruleDescription}`} checked={changeSchedule} onChange={(e) => setChangeSchedule(e.currentTarget.checked)} />}
        {changeSchedule && (
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <legend>
              <Text fw={600} size="sm">
                When it recurs
              </Text>
            </legend>
            <Stack gap="sm">
              <NativeSelect label="Repeats" value={fields.pattern} onChange={(e) => set("pattern", e.currentTarget.value as Pattern)} data={Object.entries(patternLabels).map(([value, label]) => ({ value, label }))} />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                {unit && <NumberInput label={`Every how many ${unit}`} min={1} max={unit === "weeks" ? 52 : unit === "years" ? 10 : 24} value={fields.every} onChange={(v) => set("every", typeof v === "number" ? v : 1)} />}
                {(fields.pattern === "monthly_weekday" || fields.pattern === "quarterly_weekday") && (
                  <NativeSelect label="Which week of the month" value={fields.nth} onChange={(e) => set("nth", e.currentTarget.value)} data={["1", "2", "3", "4", "5", "-1"].map((n) => ({ value: n, label: nthLabels[n] ?? n }))} />
                )}
                {(fields.pattern === "monthly_weekday" || fields.pattern === "quarterly_weekday") && (
                  <NativeSelect label="Day of the week" value={fields.weekday} onChange={(e) => set("weekday", e.currentTarget.value as Weekday)} data={weekdayCodes.map((d) => ({ value: d, label: weekdayLabels[d] }))} />
                )}
                {fields.pattern === "monthly_day" && (
                  <NumberInput label="Day of the month" description="-1 is the last day." min={-1} max={31} value={fields.day} onChange={(v) => set("day", typeof v === "number" ? v : 1)} />
                )}
              </SimpleGrid>
              {fields.pattern === "weekly" && (
                <Checkbox.Group label="On" value={fields.weekdays} onChange={(v) => set("weekdays", v as Weekday[])}>
                  <Group gap="sm" mt={4}>
                    {weekdayCodes.map((d) => (
                      <Checkbox key={d} value={d} label={weekdayLabels[d]} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <TextInput label="Time" type="time" required value={fields.time} onChange={(e) => set("time", e.currentTarget.value)} error={scheduleError("time")} />
                <Select
                  label="Time zone"
                  searchable
                  limit={50}
                  data={zones}
                  value={fields.timeZone}
                  onChange={(value) => value && set("timeZone", value)}
                  allowDeselect={false}
                  error={scheduleError("timeZone")}
                />
                <TextInput label="Starts on" type="date" required value={fields.startOn} onChange={(e) => set("startOn", e.currentTarget.value)} error={scheduleError("startOn")} />
              </SimpleGrid>
              <div aria-live="polite">
                {preview.data && debounced && (
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      {preview.data.description}
                    </Text>
                    <Text size="sm">Next, in your time zone ({personTimeZone}):</Text>
                    <List size="sm" aria-label="Next dates of this schedule">
                      {preview.data.occurrences.map((o) => (
                        <List.Item key={o.start}>{o.view.label}</List.Item>
                      ))}
                    </List>
                  </Stack>
                )}
                {preview.isError && (
                  <Text size="sm" c="red.9">
                    {preview.error.message}
                  </Text>
                )}
              </div>
            </Stack>
          </fieldset>
        )}

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput label="Duration (minutes)" min={1} max={10080} value={duration} onChange={setDuration} error={fieldError(save.error, "durationMinutes")} />
          <NumberInput
            label="Agenda cutoff (hours before)"
            description="Seats add items until then."
            min={0}
            max={720}
            value={cutoffHours}
            onChange={setCutoffHours}
            error={fieldError(save.error, "agendaCutoffMinutes")}
          />
        </SimpleGrid>
        {home.seats.length > 0 && (
          <Checkbox.Group label="Seats expected" description="Their absence counts in the skipped-meeting streak." value={seatIds} onChange={setSeatIds} error={fieldError(save.error, "expectedSeatIds")}>
            <Stack gap={4} mt={4}>
              {home.seats.map((seat) => (
                <Checkbox key={seat.id} value={seat.id} label={seat.organization.name} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {cadence && (
          <Checkbox
            label="Archive this cadence"
            description="No more dates are listed or sent to calendars; its meetings and minutes stay."
            checked={archived}
            onChange={(e) => setArchived(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {cadence ? "Save changes" : "Define cadence"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
