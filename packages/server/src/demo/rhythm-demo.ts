import type { AllianceViewer } from "@trellis/core";
import { loadViewer } from "../use-cases/load-viewer";
import { cancelOccurrence } from "../use-cases/rhythm/cancel-occurrence";
import { circulateAgenda } from "../use-cases/rhythm/circulate-agenda";
import { closeMeeting, editMinutes } from "../use-cases/rhythm/close-meeting";
import { createCadence } from "../use-cases/rhythm/create-cadence";
import { addAgendaItem, orderAgenda, updateAgendaItem } from "../use-cases/rhythm/manage-agenda";
import { openMeeting } from "../use-cases/rhythm/open-meeting";
import { acknowledgeNotice, objectAndLeave, rateMeeting, recordAttendance, recordOutcome, startAgendaItem, startMeeting } from "../use-cases/rhythm/run-meeting";
import type { DemoStep } from "./seed-demo";

const berlin = "Europe/Berlin";

/**
 * The demo alliance's rhythm: a monthly check-in (first Tuesday, 15:00 Berlin), a quarterly
 * governance meeting and a half-yearly alignment renewal. Held since June: the renewal, the July
 * governance meeting, the July, September and October check-ins (August cancelled for the summer),
 * and the 3 November check-in with full minutes: the antitrust notice acknowledged, attendance,
 * an objection and a departure over a supply-outlook item, outcomes (a commitment, a proposal, a
 * note; the commitment is not linked to a commitments record, so the page offers to create it),
 * ratings, and an edit after closing (minutes version 2). Ocean Guardians missed the last three
 * meetings (October governance, October and November check-ins: a skipped-meeting streak of 3). The 1 December check-in is open with items from
 * four seats, ordered and time-boxed; its agenda closes on 29 November.
 */
export const rhythmDemoStep: DemoStep = async (ctx, demo) => {
  const person = (key: string, index = 0) => {
    const seat = demo.seats.find((s) => s.key === key);
    const p = seat?.people[index];
    if (!seat || !p) throw new Error(`The demo has no person ${index} in seat ${key}.`);
    return { ...p, seatId: seat.seatId };
  };
  const viewerOf = (id: string): Promise<AllianceViewer> => loadViewer(demo.at("2026-06-10T09:00:00Z").db, demo.allianceId, { id, email: "", displayName: "", isAdmin: false, timeZone: "UTC" });
  const mara = await viewerOf(demo.facilitatorId);
  const jonas = person("northwind");
  const priya = person("greenfield");
  const sven = person("polymer");
  const amara = person("ocean");
  const keiko = person("imr");
  const hannah = person("rivermouth");
  const delegates = [jonas, priya, sven, amara, keiko, hannah];
  const viewers = new Map<string, AllianceViewer>();
  for (const d of delegates) viewers.set(d.id, await viewerOf(d.id));
  const as = (id: string) => viewers.get(id) ?? mara;
  const { allianceId } = demo;

  const checkIn = await createCadence(demo.at("2026-06-10T09:00:00Z"), mara, allianceId, {
    kind: "tactical_check_in",
    title: "Monthly check-in",
    description: "Progress on pilots and standards, blockers, and what each seat needs from the others.",
    location: "Video call (link in the invitation)",
    durationMinutes: 60,
    agendaCutoffMinutes: 48 * 60,
    schedule: { kind: "form", repeat: { pattern: "monthly_weekday", everyMonths: 1, nth: 1, weekday: "TU" }, time: "15:00", timeZone: berlin, startOn: "2026-07-01" },
  });
  const governance = await createCadence(demo.at("2026-06-10T09:05:00Z"), mara, allianceId, {
    kind: "governance_meeting",
    title: "Quarterly governance meeting",
    description: "Membership, charter amendments, budget and the decisions that need every seat.",
    location: "Rivermouth City Hall, room 3, and video",
    durationMinutes: 120,
    agendaCutoffMinutes: 7 * 24 * 60,
    schedule: { kind: "form", repeat: { pattern: "quarterly_weekday", nth: 1, weekday: "TH" }, time: "14:00", timeZone: berlin, startOn: "2026-07-01" },
  });
  const renewal = await createCadence(demo.at("2026-06-10T09:10:00Z"), mara, allianceId, {
    kind: "alignment_renewal",
    title: "Alignment renewal",
    description: "Every seat revisits the shared purpose: still ours, still worth it, what to change.",
    durationMinutes: 90,
    agendaCutoffMinutes: 7 * 24 * 60,
    schedule: { kind: "rrule", rrule: "FREQ=MONTHLY;INTERVAL=6;BYDAY=3TH", dtstart: "2026-06-18T16:00:00", timeZone: berlin },
  });

  /** Opens, runs and closes a meeting: attendance (and the notice), the items started, outcomes, ratings. */
  const hold = async (spec: {
    cadenceId: string;
    occurrenceKey: string;
    openedAt: string;
    startedAt: string;
    closedAt: string;
    items: { by: string; seatId: string | null; at: string; title: string; description?: string; minutes: number; notes: string }[];
    absent: string[];
    ratings: number[];
    outcome: string;
    summary: string;
  }): Promise<string> => {
    const { id: meetingId } = await openMeeting(demo.at(spec.openedAt), mara, allianceId, { cadenceId: spec.cadenceId, occurrenceKey: spec.occurrenceKey });
    const itemIds: string[] = [];
    for (const item of spec.items) {
      const { id } = await addAgendaItem(demo.at(item.at), as(item.by), allianceId, meetingId, { title: item.title, description: item.description, seatId: item.seatId });
      itemIds.push(id);
    }
    await startMeeting(demo.at(spec.startedAt), mara, allianceId, meetingId);
    const at = (minutes: number) => new Date(Date.parse(spec.startedAt) + minutes * 60_000).toISOString();
    await acknowledgeNotice(demo.at(at(1)), mara, allianceId, meetingId);
    const present = delegates.filter((d) => !spec.absent.includes(d.id));
    for (const d of present) await acknowledgeNotice(demo.at(at(2)), as(d.id), allianceId, meetingId);
    for (const id of spec.absent) await recordAttendance(demo.at(at(3)), mara, allianceId, meetingId, id, { status: "absent" });
    let minute = 5;
    for (const [index, itemId] of itemIds.entries()) {
      const item = spec.items[index]!;
      await startAgendaItem(demo.at(at(minute)), mara, allianceId, meetingId, itemId);
      await updateAgendaItem(demo.at(at(minute + item.minutes - 1)), mara, allianceId, meetingId, itemId, { version: 2, notes: item.notes });
      minute += item.minutes;
    }
    await recordOutcome(demo.at(at(minute)), mara, allianceId, meetingId, { kind: "note", text: spec.outcome, itemId: itemIds[0] ?? null });
    for (const [index, rating] of spec.ratings.entries()) {
      const d = present[index];
      if (d) await rateMeeting(demo.at(at(minute + 1)), as(d.id), allianceId, meetingId, { rating });
    }
    await closeMeeting(demo.at(spec.closedAt), mara, allianceId, meetingId, { summary: spec.summary });
    return meetingId;
  };

  await hold({
    cadenceId: renewal.id,
    occurrenceKey: "20260618T160000",
    openedAt: "2026-06-10T10:00:00Z",
    startedAt: "2026-06-18T14:02:00Z",
    closedAt: "2026-06-18T15:30:00Z",
    items: [{ by: demo.facilitatorId, seatId: null, at: "2026-06-10T10:05:00Z", title: "Reaffirm the coalition's purpose for its first year", minutes: 60, notes: "Each seat said in two sentences why the 2030 goal matters to it. Rivermouth asked that household collection data stay in scope." }],
    absent: [],
    ratings: [5, 4, 5, 4, 4, 5],
    outcome: "All six seats reaffirmed the purpose; household collection data stays in scope.",
    summary: "The first renewal of shared intent: every seat reaffirmed the purpose.",
  });
  await hold({
    cadenceId: governance.id,
    occurrenceKey: "20260702T140000",
    openedAt: "2026-06-15T09:00:00Z",
    startedAt: "2026-07-02T12:01:00Z",
    closedAt: "2026-07-02T14:00:00Z",
    items: [
      { by: amara.id, seatId: amara.seatId, at: "2026-06-16T08:30:00Z", title: "Published admission criteria for new members", minutes: 40, notes: "Draft criteria discussed; objective, published, no refusal on competitive grounds." },
      { by: hannah.id, seatId: hannah.seatId, at: "2026-06-18T12:00:00Z", title: "Budget for the first sorting pilot", minutes: 40, notes: "The city covers the site; members split equipment costs by seat weight." },
    ],
    absent: [],
    ratings: [4, 4, 3, 5, 4, 4],
    outcome: "Admission criteria go to a charter amendment; pilot budget agreed in principle.",
    summary: "Admission criteria and the pilot budget.",
  });
  await hold({
    cadenceId: checkIn.id,
    occurrenceKey: "20260707T150000",
    openedAt: "2026-06-29T09:00:00Z",
    startedAt: "2026-07-07T13:03:00Z",
    closedAt: "2026-07-07T14:00:00Z",
    items: [{ by: keiko.id, seatId: keiko.seatId, at: "2026-06-30T09:00:00Z", title: "Which pouch laminates can be sorted today", minutes: 30, notes: "IMR shared its literature review; mono-PE pouches sort well, metallised ones do not." }],
    absent: [],
    ratings: [4, 4, 4, 3, 5, 4],
    outcome: "IMR will design a sorting trial for mono-PE pouches.",
    summary: "Kick-off of the monthly rhythm.",
  });
  await cancelOccurrence(demo.at("2026-07-20T09:00:00Z"), mara, allianceId, checkIn.id, "20260804T150000", { reason: "Summer break: most delegates are away." });
  await hold({
    cadenceId: checkIn.id,
    occurrenceKey: "20260901T150000",
    openedAt: "2026-08-24T09:00:00Z",
    startedAt: "2026-09-01T13:02:00Z",
    closedAt: "2026-09-01T14:00:00Z",
    items: [{ by: hannah.id, seatId: hannah.seatId, at: "2026-08-25T09:00:00Z", title: "Sorting trial: site and dates", minutes: 30, notes: "Trial at the Rivermouth plant in the first two weeks of October." }],
    absent: [],
    ratings: [4, 5, 4, 4, 4, 4],
    outcome: "The sorting trial runs 5–16 October at the Rivermouth plant.",
    summary: "Trial planning.",
  });
  await hold({
    cadenceId: governance.id,
    occurrenceKey: "20261001T140000",
    openedAt: "2026-09-15T09:00:00Z",
    startedAt: "2026-10-01T12:00:00Z",
    closedAt: "2026-10-01T14:00:00Z",
    items: [{ by: jonas.id, seatId: jonas.seatId, at: "2026-09-16T09:00:00Z", title: "How we decide on a shared standard", minutes: 60, notes: "Consent among seats, with counsel present for anything touching specifications." }],
    absent: [amara.id],
    ratings: [4, 3, 4, 4, 4],
    outcome: "Standards are decided by consent of the seats.",
    summary: "Decision rules for standards.",
  });
  await hold({
    cadenceId: checkIn.id,
    occurrenceKey: "20261006T150000",
    openedAt: "2026-09-28T09:00:00Z",
    startedAt: "2026-10-06T13:05:00Z",
    closedAt: "2026-10-06T14:00:00Z",
    items: [{ by: keiko.id, seatId: keiko.seatId, at: "2026-09-29T09:00:00Z", title: "Trial starts next week: last checks", minutes: 20, notes: "Sample bales from Northwind and Greenfield arrive on 2 October." }],
    absent: [amara.id],
    ratings: [4, 4, 4, 3, 4],
    outcome: "Trial go-ahead confirmed.",
    summary: "Go-ahead for the trial.",
  });

  // The November check-in, in full.
  const { id: november } = await openMeeting(demo.at("2026-10-20T08:00:00Z"), as(jonas.id), allianceId, { cadenceId: checkIn.id, occurrenceKey: "20261103T150000" });
  const protocol = await addAgendaItem(demo.at("2026-10-20T08:05:00Z"), as(jonas.id), allianceId, november, {
    title: "Shared test protocol for recyclable pouches",
    description: "A draft protocol so every member tests recyclability the same way; comments welcome before the meeting.",
  });
  const trial = await addAgendaItem(demo.at("2026-10-22T10:00:00Z"), as(keiko.id), allianceId, november, {
    title: "Sorting trial results",
    description: "Results of the 5–16 October trial at the Rivermouth plant: sort rates by pouch type.",
  });
  const data = await addAgendaItem(demo.at("2026-10-26T15:00:00Z"), as(hannah.id), allianceId, november, { title: "What collection data the city can publish", description: "Which household collection figures can be shared openly, at what granularity." });
  const resin = await addAgendaItem(demo.at("2026-10-29T09:30:00Z"), as(sven.id), allianceId, november, { title: "Recycled resin supply outlook 2027", description: "Polymer Works' view of recycled resin availability next year." });
  const meetingVersion = async () => Number((await ctx.db.selectFrom("meetings").select("version").where("id", "=", november).executeTakeFirstOrThrow()).version);
  await orderAgenda(demo.at("2026-10-31T09:00:00Z"), mara, allianceId, november, {
    version: await meetingVersion(),
    items: [
      { id: trial.id, durationMinutes: 15 },
      { id: protocol.id, durationMinutes: 20 },
      { id: data.id, durationMinutes: 15 },
      { id: resin.id, durationMinutes: 10 },
    ],
  });
  await circulateAgenda(demo.at("2026-11-01T09:00:00Z"), mara, allianceId, november);
  await startMeeting(demo.at("2026-11-03T14:01:00Z"), mara, allianceId, november);
  await acknowledgeNotice(demo.at("2026-11-03T14:01:30Z"), mara, allianceId, november);
  for (const d of [jonas, priya, sven, keiko, hannah]) await acknowledgeNotice(demo.at("2026-11-03T14:02:00Z"), as(d.id), allianceId, november);
  await recordAttendance(demo.at("2026-11-03T14:03:00Z"), mara, allianceId, november, amara.id, { status: "absent" });
  await startAgendaItem(demo.at("2026-11-03T14:04:00Z"), mara, allianceId, november, trial.id);
  await updateAgendaItem(demo.at("2026-11-03T14:18:00Z"), mara, allianceId, november, trial.id, {
    version: 3,
    notes: "Mono-PE pouches sorted at 91%, metallised pouches at 12%. The optical sorter needs recalibration for matt finishes.",
  });
  await startAgendaItem(demo.at("2026-11-03T14:19:00Z"), mara, allianceId, november, protocol.id);
  await updateAgendaItem(demo.at("2026-11-03T14:38:00Z"), mara, allianceId, november, protocol.id, {
    version: 3,
    notes: "The draft was welcomed. Polymer Works will fold in the trial results and circulate a second draft.",
  });
  await recordOutcome(demo.at("2026-11-03T14:38:30Z"), mara, allianceId, november, {
    kind: "commitment",
    itemId: protocol.id,
    text: "Polymer Works circulates the second draft of the test protocol by 20 November.",
  });
  await recordOutcome(demo.at("2026-11-03T14:39:00Z"), mara, allianceId, november, { kind: "proposal", itemId: protocol.id, text: "Adopt the shared test protocol as the coalition's standard (decision at the January governance meeting)." });
  await startAgendaItem(demo.at("2026-11-03T14:40:00Z"), mara, allianceId, november, data.id);
  await updateAgendaItem(demo.at("2026-11-03T14:54:00Z"), mara, allianceId, november, data.id, { version: 3, notes: "The city can publish monthly tonnages per district; household-level data stays private." });
  await recordOutcome(demo.at("2026-11-03T14:54:30Z"), mara, allianceId, november, { kind: "note", itemId: data.id, text: "Monthly district tonnages will be published from January." });
  await startAgendaItem(demo.at("2026-11-03T14:55:00Z"), mara, allianceId, november, resin.id);
  await objectAndLeave(demo.at("2026-11-03T14:56:00Z"), as(priya.id), allianceId, november, resin.id, {
    reason: "A forward-looking supply outlook between competing buyers is out of scope; I will not take part in this item.",
  });
  await updateAgendaItem(demo.at("2026-11-03T14:59:00Z"), mara, allianceId, november, resin.id, {
    version: 3,
    notes: "After the objection the item was stopped; Polymer Works will share only pooled, past-year figures through the clean team.",
  });
  for (const [d, rating] of [
    [jonas, 4],
    [sven, 4],
    [keiko, 5],
    [hannah, 4],
    [priya, 3],
  ] as const) {
    await rateMeeting(demo.at("2026-11-03T15:00:00Z"), as(d.id), allianceId, november, { rating });
  }
  await closeMeeting(demo.at("2026-11-03T15:02:00Z"), mara, allianceId, november, {
    summary: "Strong trial results for mono-PE pouches; a second protocol draft is on its way. The resin outlook item was stopped after an objection.",
  });
  await editMinutes(demo.at("2026-11-05T10:00:00Z"), mara, allianceId, november, {
    version: 1,
    summary:
      "Strong trial results for mono-PE pouches (91% sorted); a second protocol draft is on its way. The resin outlook item was stopped after Greenfield's objection and will go through the clean team.",
    reason: "Added the sort rate and the clean-team route, as asked by Greenfield Beverages.",
  });

  // The December check-in: open, items from four seats, ordered; the agenda closes on 29 November.
  const { id: december } = await openMeeting(demo.at("2026-11-16T09:00:00Z"), as(keiko.id), allianceId, { cadenceId: checkIn.id, occurrenceKey: "20261201T150000" });
  const decemberItems = [
    await addAgendaItem(demo.at("2026-11-16T09:05:00Z"), as(keiko.id), allianceId, december, { title: "Recalibrating the optical sorter for matt finishes", description: "What the second trial round needs from brand owners." }),
    await addAgendaItem(demo.at("2026-11-18T11:00:00Z"), as(priya.id), allianceId, december, { title: "Second draft of the test protocol: Greenfield's comments" }),
    await addAgendaItem(demo.at("2026-11-19T16:00:00Z"), as(amara.id), allianceId, december, { title: "Beach clean-up data as evidence for the 2030 goal", description: "Ocean Guardians' counts of pouches found on Rivermouth beaches." }),
    await addAgendaItem(demo.at("2026-11-23T08:30:00Z"), as(jonas.id), allianceId, december, { title: "Labelling: one on-pack recycling message for all members" }),
  ];
  await orderAgenda(demo.at("2026-11-24T09:00:00Z"), mara, allianceId, december, {
    version: Number((await ctx.db.selectFrom("meetings").select("version").where("id", "=", december).executeTakeFirstOrThrow()).version),
    items: [decemberItems[1]!, decemberItems[0]!, decemberItems[3]!, decemberItems[2]!].map((item, index) => ({ id: item.id, durationMinutes: [15, 15, 15, 10][index] ?? null })),
  });
};
