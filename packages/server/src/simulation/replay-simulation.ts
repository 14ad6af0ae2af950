import type { AllianceViewer, OrganizationKind } from "@trellis/core";
import type { SimulatedAlliance, SimCommitmentMove, SimulationScenario } from "@trellis/core/health/simulate-alliance";
import type { PositionStance } from "@trellis/core/health/facts";
import type { MoveName } from "@trellis/core/commitments";
import type { Stance } from "@trellis/core/decisions";
import { findPulseItem, pulseScales } from "@trellis/core/pulses";
import type { ServerContext } from "../context";
import { createAlliance } from "../use-cases/alliances/create-alliance";
import { addMember, addSeat } from "../use-cases/alliances/manage-seats";
import { updateAlliance } from "../use-cases/alliances/update-alliance";
import { answerAmendment } from "../use-cases/charter/answer-amendment";
import { answerRenewal } from "../use-cases/charter/answer-renewal";
import { createCharter } from "../use-cases/charter/create-charter";
import { openRenewalRound } from "../use-cases/charter/open-renewal-round";
import { proposeAmendment } from "../use-cases/charter/propose-amendment";
import { createCommitment } from "../use-cases/commitments/create-commitment";
import { moveCommitment } from "../use-cases/commitments/move-commitment";
import { closeProposal } from "../use-cases/decisions/close-proposal";
import { createProposal } from "../use-cases/decisions/create-proposal";
import { recordOutcome as recordDecisionOutcome } from "../use-cases/decisions/record-outcome";
import { takePosition } from "../use-cases/decisions/take-position";
import { loadViewer } from "../use-cases/load-viewer";
import { answerPulse, questionsFor } from "../use-cases/pulses/answer-pulse";
import { runPulseCycle } from "../use-cases/pulses/close-pulse";
import { setPulseCadence } from "../use-cases/pulses/pulse-settings";
import { closeBreakdown } from "../use-cases/registers/move-breakdown";
import { moveTension } from "../use-cases/registers/move-tension";
import { nameBreakdown } from "../use-cases/registers/name-breakdown";
import { publishAnonymousTensions } from "../use-cases/registers/publish-anonymous-tensions";
import { raiseTension } from "../use-cases/registers/raise-tension";
import { recordAssumption } from "../use-cases/registers/record-assumption";
import { testAssumption } from "../use-cases/registers/update-assumption";
import { cancelOccurrence } from "../use-cases/rhythm/cancel-occurrence";
import { closeMeeting } from "../use-cases/rhythm/close-meeting";
import { createCadence } from "../use-cases/rhythm/create-cadence";
import { addAgendaItem } from "../use-cases/rhythm/manage-agenda";
import { openMeeting } from "../use-cases/rhythm/open-meeting";
import { recordAttendance, startAgendaItem, startMeeting } from "../use-cases/rhythm/run-meeting";
import { nameBasedUuid } from "./simulation-database";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** What the replay made: the alliance and how many use-case calls it took. */
export interface ReplayResult {
  allianceId: string;
  slug: string;
  steps: number;
}

/** One use-case call at a simulated moment; steps run in time order, ties in the order they were planned. */
interface Step {
  at: number;
  order: number;
  run: (ctx: ServerContext) => Promise<void>;
}

const organizationKinds: OrganizationKind[] = ["company", "ngo", "research", "public_agency", "funder", "company", "ngo", "other"];
const sectors: Record<OrganizationKind, string> = {
  company: "Private sector",
  ngo: "Civil society",
  research: "Research",
  public_agency: "Public services",
  funder: "Philanthropy",
  other: "Cooperative",
};

const scenarioPurposes: Record<SimulationScenario, string> = {
  healthy: "A simulated alliance with a healthy collaboration throughout.",
  "one-sided": "A simulated alliance in which one seat comes to dominate the shared work.",
  "false-harmony": "A simulated alliance in which dissent goes quiet while problems remain.",
  "fraying-trust": "A simulated alliance in which promises are kept less and less.",
  drift: "A simulated alliance that loses its rhythm and stops renewing its purpose.",
  "silent-partner": "A simulated alliance in which one seat falls silent.",
  "conflict-avoidance": "A simulated alliance in which tensions are raised but no longer worked through.",
  "short-termism": "A simulated alliance whose goals and promises shrink to the short term.",
  "perception-gap": "A simulated alliance whose seats come to see the collaboration very differently.",
};

/** ASCII-only local part of an email from a display name ("Chloé Moreau" -> "chloe.moreau"). */
function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

function domainOf(organization: string): string {
  return `${emailLocalPart(organization).replace(/\./g, "")}.example`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOnly = (ms: number) => iso(ms).slice(0, 10);
/** An occurrence key of a UTC cadence: the local start as YYYYMMDDTHHMMSS. */
const occurrenceKey = (ms: number) => iso(ms).slice(0, 19).replace(/[-:]/g, "");

const stanceOf: Record<PositionStance, Stance> = { agree: "agree", abstain: "abstain", disagree: "disagree", block: "block", objection: "disagree" };

/**
 * Replays a simulated alliance history through Trellis's own use cases, each at its simulated
 * moment (`at` gives a context whose clock, and the database's `now()`, read that moment).
 * Organizations and people are directory records outside any alliance: they are written as an
 * import writes them, with ids derived from their names, so several simulated archives share
 * them instead of clashing. Goals and alignment divergences of the simulation have no use case
 * yet and are not replayed.
 */
export async function replaySimulation(sim: SimulatedAlliance, at: (ms: number) => Promise<ServerContext>): Promise<ReplayResult> {
  const ctx0 = await at(sim.start);
  const db = ctx0.db;

  // Directory: organizations and people (no alliance, no event; as `trellis import` writes them).
  const facilitationOrg = { id: nameBasedUuid("organization:Commonground Facilitation"), name: "Commonground Facilitation" };
  const facilitator = { id: nameBasedUuid("person:noor.haddad@commonground.example"), email: "noor.haddad@commonground.example", name: "Noor Haddad" };
  const seatOrgs = sim.seats.map((seat, index) => ({ seat, id: nameBasedUuid(`organization:${seat.name}`), kind: organizationKinds[index % organizationKinds.length] as OrganizationKind }));
  for (const org of [{ id: facilitationOrg.id, name: facilitationOrg.name, kind: "other" as OrganizationKind }, ...seatOrgs.map((o) => ({ id: o.id, name: o.seat.name, kind: o.kind }))]) {
    await db
      .insertInto("organizations")
      .values({ id: org.id, name: org.name, kind: org.kind, sector: sectors[org.kind], website: `https://${domainOf(org.name)}` })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const people = new Map<string, { id: string; email: string; name: string; seatIndex: number; role: "delegate" | "member" }>();
  const usedEmails = new Set<string>();
  for (const [seatIndex, { seat }] of seatOrgs.entries()) {
    seat.personIds.forEach((simId, index) => {
      const simPerson = sim.people.find((p) => p.id === simId);
      const name = simPerson?.name ?? simId;
      let email = `${emailLocalPart(name)}@${domainOf(seat.name)}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${emailLocalPart(name)}${n}@${domainOf(seat.name)}`;
      usedEmails.add(email);
      people.set(simId, { id: nameBasedUuid(`person:${email}`), email, name, seatIndex, role: index < 2 ? "delegate" : "member" });
    });
  }
  for (const person of [{ ...facilitator, orgId: facilitationOrg.id }, ...[...people.values()].map((p) => ({ ...p, orgId: seatOrgs[p.seatIndex]!.id }))]) {
    await db.insertInto("people").values({ id: person.id, email: person.email, display_name: person.name }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto("organization_people").values({ organization_id: person.orgId, person_id: person.id, title: "" }).onConflict((oc) => oc.doNothing()).execute();
  }

  // The alliance, its seats and people, on the first day.
  const name = `Simulated ${sim.scenario} alliance, seed ${sim.seed}`;
  const created = await createAlliance(ctx0, facilitator.id, { name, purpose: scenarioPurposes[sim.scenario], hasCompetitors: false });
  const allianceId = created.id;
  const viewers = new Map<string, AllianceViewer>();
  const viewerOf = async (personId: string): Promise<AllianceViewer> => {
    let viewer = viewers.get(personId);
    if (!viewer) {
      viewer = await loadViewer(db, allianceId, { id: personId, email: "", displayName: "", isAdmin: false, timeZone: "UTC" });
      viewers.set(personId, viewer);
    }
    return viewer;
  };
  const facilitatorViewer = await viewerOf(facilitator.id);
  const seatIds = new Map<string, string>();
  for (const [index, org] of seatOrgs.entries()) {
    const { id } = await addSeat(await at(sim.start + (index + 1) * minute), facilitatorViewer, allianceId, { organizationId: org.id });
    seatIds.set(org.seat.id, id);
  }
  for (const person of people.values()) {
    const seatId = seatIds.get(seatOrgs[person.seatIndex]!.seat.id)!;
    await addMember(await at(sim.start + 30 * minute), facilitatorViewer, allianceId, { personId: person.id, role: person.role, seatId });
  }
  viewers.clear();
  const alliance = await db.selectFrom("alliances").select("version").where("id", "=", allianceId).executeTakeFirstOrThrow();
  await updateAlliance(await at(sim.start + hour), facilitatorViewer, allianceId, { version: alliance.version, stage: "active" });

  const personOf = (simId: string) => {
    const person = people.get(simId);
    if (!person) throw new Error(`The simulation has no person ${simId}.`);
    return person;
  };
  const seatOf = (simSeatId: string) => {
    const id = seatIds.get(simSeatId);
    if (!id) throw new Error(`The simulation has no seat ${simSeatId}.`);
    return id;
  };
  /** A seat's first delegate: who acts where the product asks a delegate (agenda, charter). */
  const delegateOf = (simSeatId: string) => personOf(sim.seats.find((s) => s.id === simSeatId)!.personIds[0]!);
  const asDelegate = (simPersonId: string, simSeatId: string) => (personOf(simPersonId).role === "delegate" ? personOf(simPersonId) : delegateOf(simSeatId));

  const steps: Step[] = [];
  const plan = (atMs: number, run: Step["run"]) => steps.push({ at: atMs, order: steps.length, run });
  const facilitatorId = facilitator.id;
  const asFacilitator = () => viewerOf(facilitatorId);

  // Meetings: one cadence; each occurrence opened a week ahead with its agenda, then held (attendance,
  // items, minutes) or called off.
  let cadenceId = "";
  const firstMeeting = sim.meetings[0];
  if (firstMeeting) {
    plan(sim.start + 2 * hour, async (ctx) => {
      const weekly = sim.cadence.intervalDays === 7;
      cadenceId = (
        await createCadence(ctx, await asFacilitator(), allianceId, {
          kind: "tactical_check_in",
          title: weekly ? "Weekly check-in" : "Fortnightly check-in",
          description: "Progress on the shared work, blockers, and what each seat needs from the others.",
          location: "Video call",
          durationMinutes: 60,
          agendaCutoffMinutes: 60,
          schedule: { kind: "rrule", rrule: `FREQ=WEEKLY;INTERVAL=${weekly ? 1 : 2}`, dtstart: iso(firstMeeting.scheduledAt).slice(0, 19), timeZone: "UTC" },
        })
      ).id;
    });
  }
  for (const meeting of sim.meetings) {
    const key = occurrenceKey(meeting.scheduledAt);
    let meetingId = "";
    const itemIds: string[] = [];
    const opensAt = Math.max(sim.start + 3 * hour, Math.min(meeting.scheduledAt - 6 * day, ...meeting.agenda.map((a) => a.addedAt - hour)));
    plan(opensAt, async (ctx) => {
      meetingId = (await openMeeting(ctx, await asFacilitator(), allianceId, { cadenceId, occurrenceKey: key })).id;
    });
    for (const item of meeting.agenda) {
      plan(Math.max(item.addedAt, opensAt + minute), async (ctx) => {
        const by = asDelegate(item.personId, item.seatId);
        itemIds.push((await addAgendaItem(ctx, await viewerOf(by.id), allianceId, meetingId, { title: item.title, seatId: seatOf(item.seatId) })).id);
      });
    }
    if (meeting.heldAt === null) {
      // Skipped: the agenda was there, the meeting was called off shortly before.
      plan(meeting.scheduledAt - 2 * hour, async (ctx) => cancelOccurrence(ctx, await asFacilitator(), allianceId, cadenceId, key, { reason: "Not enough seats could make it." }));
      continue;
    }
    const heldAt = meeting.heldAt;
    plan(heldAt, async (ctx) => {
      const viewer = await asFacilitator();
      await startMeeting(ctx, viewer, allianceId, meetingId);
      const present = new Set(meeting.attendeeIds);
      for (const personId of meeting.attendeeIds) await recordAttendance(ctx, viewer, allianceId, meetingId, personOf(personId).id, { status: "present" });
      for (const seatId of meeting.expectedSeatIds) {
        if (meeting.attendingSeatIds.includes(seatId)) continue;
        const delegate = sim.seats.find((s) => s.id === seatId)!.personIds[0]!;
        if (!present.has(delegate)) await recordAttendance(ctx, viewer, allianceId, meetingId, personOf(delegate).id, { status: "absent" });
      }
    });
    meeting.agenda.forEach((_, index) => {
      plan(heldAt + (5 + Math.floor((index * 50) / meeting.agenda.length)) * minute, async (ctx) => {
        const itemId = itemIds[index];
        if (itemId) await startAgendaItem(ctx, await asFacilitator(), allianceId, meetingId, itemId);
      });
    });
    plan(heldAt + 58 * minute, async (ctx) => {
      const present = meeting.attendingSeatIds.length;
      await closeMeeting(ctx, await asFacilitator(), allianceId, meetingId, { summary: `${present} of ${meeting.expectedSeatIds.length} seats attended; ${meeting.agenda.length} agenda items.` });
    });
  }

  // Proposals: decided by consensus (a block stops one); positions from the people who took them.
  for (const proposal of sim.proposals) {
    let proposalId = "";
    const closesAt = proposal.createdAt + 14 * day;
    plan(proposal.createdAt, async (ctx) => {
      const author = personOf(proposal.personId);
      proposalId = (
        await createProposal(ctx, await viewerOf(author.id), allianceId, {
          title: proposal.title,
          body: `${proposal.title}, as discussed by the seats.`,
          method: { kind: "consensus" },
          closesAt: iso(closesAt),
          seatId: seatOf(proposal.seatId),
        })
      ).id;
    });
    for (const position of proposal.positions) {
      if (position.at >= closesAt) continue;
      plan(position.at, async (ctx) => {
        const stance = stanceOf[position.stance];
        await takePosition(ctx, await viewerOf(personOf(position.personId).id), allianceId, proposalId, {
          value: { kind: "stance", stance },
          reason: stance === "agree" || stance === "abstain" ? null : "This does not work for our organization as it stands.",
          seatId: seatOf(position.seatId),
        });
      });
    }
    if (proposal.closedAt !== null) {
      plan(closesAt, async (ctx) => {
        const outcome = await closeProposal(ctx, null, allianceId, proposalId);
        if (outcome && proposal.outcome === "adopted") {
          await recordDecisionOutcome(ctx, await asFacilitator(), allianceId, proposalId, { statement: `${proposal.title}: adopted.`, reviewOn: dateOnly(closesAt + 180 * day) });
        }
      });
    }
  }

  // Commitments: conversations for action, move by move.
  const moveNames: Record<SimCommitmentMove, MoveName> = {
    request: "request",
    promise: "promise",
    counter: "counter",
    accept_counter: "accept_counter",
    decline: "decline",
    report: "report",
    declare_satisfied: "accept",
    renege: "renege",
    revoke: "revoke",
    cancel: "cancel",
  };
  for (const commitment of sim.commitments) {
    const state = { id: "", version: 0 };
    const customer = personOf(commitment.customerPersonId);
    const performer = personOf(commitment.performerPersonId);
    for (const move of commitment.moves) {
      if (move.move === "request") {
        plan(move.at, async (ctx) => {
          const made = await createCommitment(ctx, await viewerOf(customer.id), allianceId, {
            opening: "request",
            title: commitment.title,
            // Trellis asks for conditions of satisfaction; a vague one stands for "none written down".
            conditions: commitment.conditions ?? "As discussed.",
            dueAt: iso(move.dueAt ?? commitment.dueAt),
            timeZone: "UTC",
            seatId: seatOf(commitment.customerSeatId),
            counterpart: { personId: performer.id, seatId: seatOf(commitment.performerSeatId) },
          });
          state.id = made.id;
          state.version = made.version;
        });
        continue;
      }
      // A facilitator never moves on someone's behalf in Trellis: the customer declares instead.
      const actor = move.by === "performer" ? performer : customer;
      plan(move.at, async (ctx) => {
        const after = await moveCommitment(ctx, await viewerOf(actor.id), allianceId, state.id, {
          version: state.version,
          move: moveNames[move.move],
          ...(move.move === "counter" && move.dueAt !== undefined ? { dueAt: iso(move.dueAt) } : {}),
        });
        state.version = after.version;
      });
    }
  }

  // The charter: the first draft written together in the first month, then amendments and renewals.
  const authored = sim.clauses.filter((c) => c.kind === "authored");
  const draftAt = Math.max(sim.start + 4 * hour, ...authored.map((c) => c.at));
  const renewalMonths = (sim.renewals[0]?.renewalPeriodDays ?? 365) >= 365 ? 12 : 6;
  plan(draftAt, async (ctx) => {
    await createCharter(ctx, await asFacilitator(), allianceId, {
      clauses: [
        { section: "purpose", text: scenarioPurposes[sim.scenario] },
        ...authored.map((clause) => ({ section: "principles" as const, text: `${clause.title.replace(/^Clause on the /, "We work together on the ")}.`, writtenBy: { personId: personOf(clause.personId).id, seatId: seatOf(clause.seatId) } })),
        { section: "governance" as const, text: "Amendments to this charter need the consent of every partner.", setting: { key: "amendment_rule" as const, rule: { kind: "unanimous" as const } } },
        { section: "governance" as const, text: `We renew our shared purpose every ${renewalMonths} months.`, setting: { key: "renewal_period" as const, months: renewalMonths } },
      ],
    });
  });
  for (const clause of sim.clauses.filter((c) => c.kind === "amended")) {
    let amendmentId = "";
    const proposer = asDelegate(clause.personId, clause.seatId);
    plan(Math.max(clause.at, draftAt + hour), async (ctx) => {
      amendmentId = (
        await proposeAmendment(ctx, await viewerOf(proposer.id), allianceId, {
          kind: "add",
          title: clause.title,
          placement: { section: "principles" },
          proposedText: `${clause.title.replace(/^Amend the clause on the /, "We revisit together how we work on the ")}.`,
          rationale: "What we learned since the charter was written.",
          seatId: seatOf(clause.seatId),
        })
      ).id;
    });
    sim.seats.forEach((seat, index) => {
      plan(Math.max(clause.at, draftAt + hour) + (index + 1) * 3 * hour, async (ctx) => {
        await answerAmendment(ctx, await viewerOf(delegateOf(seat.id).id), allianceId, amendmentId, { draft: 1, answer: "consent", seatId: seatOf(seat.id) });
      });
    });
  }
  for (const renewal of sim.renewals) {
    const opensAt = Math.max(renewal.at, draftAt + 2 * hour);
    plan(opensAt, async (ctx) => {
      await openRenewalRound(ctx, await asFacilitator(), allianceId);
    });
    sim.seats.forEach((seat, index) => {
      plan(opensAt + (index + 1) * 2 * hour, async (ctx) => {
        await answerRenewal(ctx, await viewerOf(delegateOf(seat.id).id), allianceId, { answer: "reaffirm", seatId: seatOf(seat.id) });
      });
    });
  }

  // Registers: tensions (anonymous ones published the next day), breakdowns, assumptions.
  for (const tension of sim.tensions) {
    const state = { id: "" };
    // An anonymous tension keeps no link to its seat in the simulation: any other seat may have raised it.
    const others = sim.seats.filter((s) => s.id !== tension.towardSeatId);
    const raiserSeat = tension.seatId ?? others[Number(tension.id.replace(/\D/g, "")) % others.length]!.id;
    // The simulation keeps the raising seat, not the person: one of its two delegates, fixed by the time.
    const raiser = personOf(sim.seats.find((s) => s.id === raiserSeat)!.personIds[tension.raisedAt % 3 === 0 ? 1 : 0]!);
    plan(tension.raisedAt, async (ctx) => {
      const raised = await raiseTension(ctx, await viewerOf(raiser.id), allianceId, {
        summary: tension.towardSeatId ? `How ${sim.seats.find((s) => s.id === tension.towardSeatId)!.name} shares its part of the work` : "How decisions reach the whole alliance",
        target: tension.towardSeatId ? { kind: "seat", seatId: seatOf(tension.towardSeatId) } : { kind: "alliance" },
        fromSeatId: seatOf(raiserSeat),
        anonymous: tension.anonymous,
      });
      state.id = raised.tension.id;
    });
    if (tension.anonymous) plan(Date.UTC(new Date(tension.raisedAt).getUTCFullYear(), new Date(tension.raisedAt).getUTCMonth(), new Date(tension.raisedAt).getUTCDate() + 1, 0, 10), async (ctx) => void (await publishAnonymousTensions(ctx)));
    if (tension.resolvedAt !== null) {
      const resolvedAt = tension.resolvedAt;
      plan(Math.max(tension.raisedAt + day + hour, resolvedAt - Math.min(2 * day, (resolvedAt - tension.raisedAt) / 2)), async (ctx) => {
        await moveTension(ctx, await asFacilitator(), allianceId, state.id, { version: await versionOf(ctx, "tensions", state.id), move: "start_dialogue" });
      });
      plan(Math.max(tension.raisedAt + day + 2 * hour, resolvedAt), async (ctx) => {
        await moveTension(ctx, await asFacilitator(), allianceId, state.id, { version: await versionOf(ctx, "tensions", state.id), move: "resolve", note: "Talked through at the check-in; both sides agreed how to go on." });
      });
    }
  }
  for (const breakdown of sim.breakdowns) {
    let breakdownId = "";
    const namer = delegateOf(breakdown.seatId);
    plan(breakdown.namedAt, async (ctx) => {
      breakdownId = (
        await nameBreakdown(ctx, await viewerOf(namer.id), allianceId, {
          whatHappened: "A deliverable reached the other seats later and in another form than they planned for.",
          whatWasExpected: "The agreed form, on the agreed date.",
          impact: "The next step of the shared work waited a week.",
          seatIds: [seatOf(breakdown.seatId)],
        })
      ).id;
    });
    if (breakdown.closedAt !== null) {
      plan(breakdown.closedAt, async (ctx) => {
        await closeBreakdown(ctx, await asFacilitator(), allianceId, breakdownId, {
          version: await versionOf(ctx, "breakdowns", breakdownId),
          kind: "reinterpretation",
          reinterpretation: "Nobody had said which form and date were meant; requests now name both.",
        });
      });
    }
  }
  for (const assumption of sim.assumptions) {
    let assumptionId = "";
    const holder = delegateOf(assumption.seatId);
    const recordedAt = Math.max(sim.start + 5 * hour, assumption.testedAt - 21 * day);
    plan(recordedAt, async (ctx) => {
      assumptionId = (
        await recordAssumption(ctx, await viewerOf(holder.id), allianceId, {
          statement: "Partners will share their data in the common template without extra help.",
          holder: { kind: "seat", seatId: seatOf(assumption.seatId) },
          confidence: "medium",
          testPlan: "Ask each seat for one month of data in the template and count what arrives complete.",
          reviewOn: dateOnly(assumption.testedAt),
        })
      ).id;
    });
    plan(Math.max(assumption.testedAt, recordedAt + hour), async (ctx) => {
      await testAssumption(ctx, await viewerOf(holder.id), allianceId, assumptionId, {
        version: await versionOf(ctx, "assumptions", assumptionId),
        outcome: assumption.testedAt % 2 === 0 ? "holding" : "invalidated",
        evidence: "The data of the last month, seat by seat.",
      });
    });
  }

  // Pulses: a four-weekly cadence; each seat's respondents answer so their means match the simulation's.
  const firstPulse = sim.pulses[0];
  if (firstPulse) {
    const openDays = 5;
    plan(firstPulse.at - day, async (ctx) => {
      await setPulseCadence(ctx, await asFacilitator(), allianceId, { version: 0, firstOpensAt: new Date(firstPulse.at), everyWeeks: 4, openDays, active: true });
    });
    for (const pulse of sim.pulses) {
      let pulseRow: Awaited<ReturnType<typeof findOpenPulse>> | null = null;
      plan(pulse.at, async (ctx) => {
        await runPulseCycle(ctx);
        pulseRow = await findOpenPulse(ctx, allianceId);
      });
      // Answers come in over the first two days, seat by seat, person by person.
      const answering = sim.seats.flatMap((seat) => {
        const respondents = pulse.items[0]?.aggregates.find((a) => a.seatId === seat.id)?.respondents ?? 0;
        return seat.personIds.slice(0, respondents).map((simPersonId, k) => ({ seat, simPersonId, k, of: respondents }));
      });
      answering.forEach(({ seat, simPersonId, k, of }, index) => {
        plan(pulse.at + Math.floor(((index + 1) * 2 * day) / (answering.length + 1)), async (ctx) => {
          if (!pulseRow) throw new Error("The simulated pulse did not open.");
          const seatId = seatOf(seat.id);
          const questions = await questionsFor(ctx.db, allianceId, pulseRow, seatId);
          const answers = questions.map((question) => {
            const item = findPulseItem(question.itemId);
            const aboutSimSeat = question.targetSeatId ? sim.seats.find((s) => seatOf(s.id) === question.targetSeatId)?.id : undefined;
            const aggregates = pulse.items
              .filter((i) => i.dynamic === item.dynamic)
              .flatMap((i) => i.aggregates.filter((a) => a.seatId === seat.id && (a.aboutSeatId === undefined || a.aboutSeatId === aboutSimSeat)));
            const mean = aggregates.length > 0 ? aggregates.reduce((sum, a) => sum + a.mean, 0) / aggregates.length : 0.5;
            // Spread the seat's total over its respondents so the seat's mean is the simulated one.
            const scale = pulseScales[question.scale];
            const total = Math.round(mean * (scale.max - scale.min) * of);
            const healthy = scale.min + Math.floor(total / of) + (k < total % of ? 1 : 0);
            return { itemId: question.itemId, targetSeatId: question.targetSeatId, value: item.reversed ? scale.min + scale.max - healthy : healthy };
          });
          await answerPulse(ctx, await viewerOf(personOf(simPersonId).id), allianceId, pulseRow.id, { seatId, answers });
        });
      });
      plan(pulse.at + openDays * day + minute, async (ctx) => void (await runPulseCycle(ctx)));
    }
  }

  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) {
    if (step.at >= sim.end) continue;
    await step.run(await at(step.at));
  }
  return { allianceId, slug: created.slug, steps: steps.length };
}

async function findOpenPulse(ctx: ServerContext, allianceId: string) {
  return ctx.db.selectFrom("pulses").selectAll().where("alliance_id", "=", allianceId).orderBy("opens_at", "desc").limit(1).executeTakeFirstOrThrow();
}

async function versionOf(ctx: ServerContext, table: "tensions" | "breakdowns" | "assumptions", id: string): Promise<number> {
  return (await ctx.db.selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
}
