import { readCadenceRule, type CadenceRuleForm } from "@trellis/core/rhythm";
import { Alert, Button, Checkbox, Code, Group, List, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
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

/** The builder's fields for a rule read back from a cadence; the fields a pattern does not use keep their defaults. */
function fieldsOfRule(form: CadenceRuleForm, defaults: ScheduleFields): ScheduleFields {
  const fields = { ...defaults, pattern: form.repeat.pattern, time: form.time, timeZone: form.timeZone, startOn: form.startOn };
  const r = form.repeat;
  switch (r.pattern) {
    case "weekly":
      return { ...fields, every: r.everyWeeks, weekdays: [...r.weekdays], weekday: r.weekdays[0] ?? defaults.weekday };
    case "monthly_weekday":
      return { ...fields, every: r.everyMonths, nth: String(r.nth), weekday: r.weekday };
    case "quarterly_weekday":
      return { ...fields, nth: String(r.nth), weekday: r.weekday };
    case "monthly_day":
      return { ...fields, every: r.everyMonths, day: r.day };
    case "monthly_last_weekday":
      return { ...fields, every: r.everyMonths };
    case "yearly":
      return { ...fields, every: r.everyYears };
  }
}

/**
 * How editing starts from a cadence's stored rule: the builder's fields when the builder makes
 * exactly that rule again, or why it cannot (the rule is then kept unless the person rebuilds it).
 */
function readSchedule(cadence: Cadence, defaults: ScheduleFields): { fields: ScheduleFields } | { reason: string } {
  const read = readCadenceRule(cadence);
  if (!read.ok) return { reason: read.reason };
  const end = read.form.end;
  // The builder has no end yet: a rule with one is kept as it is.
  if (end) return { reason: "count" in end ? `It ends after ${end.count} meetings, which this form cannot set.` : `It ends on ${end.until}, which this form cannot set.` };
  return { fields: fieldsOfRule(read.form, defaults) };
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
  const [archived, setArchived] = useState(cadence?.archived ?? false);
  // Editing starts from the cadence's own rule; what the builder cannot show is kept as it is.
  const [current] = useState(() => {
    const defaults: ScheduleFields = {
      pattern: "monthly_weekday",
      every: 1,
      weekdays: ["TU"],
      nth: "1",
      weekday: "TU",
      day: 1,
      time: cadence?.dtstart.slice(11, 16) ?? "15:00",
      timeZone: cadence?.timeZone ?? personTimeZone,
      startOn: cadence?.dtstart.slice(0, 10) ?? todayIn(personTimeZone),
    };
    return cadence ? { defaults, ...readSchedule(cadence, defaults) } : { defaults };
  });
  const unreadable = "reason" in current ? current.reason : null;
  const [rebuild, setRebuild] = useState(false);
  const [fields, setFields] = useState<ScheduleFields>("fields" in current ? current.fields : current.defaults);
  const set = <K extends keyof ScheduleFields>(key: K, value: ScheduleFields[K]) => setFields((old) => ({ ...old, [key]: value }));
  const zones = useMemo(() => timeZones(fields.timeZone), [fields.timeZone]);
  const showBuilder = unreadable === null || rebuild;
  const schedule = showBuilder ? buildSchedule(fields) : null;
  // An edit sends a schedule only when the person changed it, so opening and saving changes nothing.
  const [initialSchedule] = useState(() => ("fields" in current ? JSON.stringify(buildSchedule(current.fields)) : null));
  const scheduleChanged = showBuilder && JSON.stringify(schedule) !== initialSchedule;
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(schedule, 300);
  const preview = useSchedulePreview(home.id, debounced, typeof duration === "number" ? Math.max(1, duration) : 60);
  const save = useSaveCadence(home.id, cadence?.id ?? null);
  const stale = isApiError(save.error, "stale_version");
  const scheduleError = (name: string) => fieldError(save.error, `schedule.${name}`) ?? fieldError(preview.error, `schedule.${name}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalProblem(null);
    if (cadence && scheduleChanged && !schedule) {
      setLocalProblem("Give the schedule a time and a first day, or leave it as it was.");
      return;
    }
    const common = {
      title,
      description,
      location,
      durationMinutes: typeof duration === "number" ? duration : Number(duration),
      agendaCutoffMinutes: Math.round((typeof cutoffHours === "number" ? cutoffHours : Number(cutoffHours)) * 60),
      expectedSeatIds: seatIds,
      ...(schedule && (cadence === null || scheduleChanged) ? { schedule } : {}),
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

        {cadence && unreadable !== null && (
          <Alert color="yellow" variant="light" title="This form cannot show the current schedule">
            <Stack gap="xs">
              <Text size="sm">
                Now: {cadence.ruleDescription} <Code className="wrap-anywhere">{cadence.rrule}</Code>
              </Text>
              <Text size="sm">{unreadable}</Text>
              <Text size="sm">{rebuild ? "Saving replaces it with the schedule you build below." : "It stays as it is unless you build a new one here."}</Text>
              <Switch label="Build a new schedule" checked={rebuild} onChange={(e) => setRebuild(e.currentTarget.checked)} />
            </Stack>
          </Alert>
        )}
        {localProblem && (
          <Text c="red.9" size="sm" role="alert">
            {localProblem}
          </Text>
        )}
        {showBuilder && (
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
