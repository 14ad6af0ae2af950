import { charterRules, charterRenewalStatus } from "@trellis/core/charter";
import { loadCharterAdoptedOn, loadCharterHead, loadCharterVersion, type Db } from "@trellis/db";
import { sql } from "kysely";

/** What the portfolio shows beside the index: loops, seats, objections, tensions, renewal. */
export interface PortfolioCounters {
  stalledLoops: number;
  /** Seats with no event of their own in 30 days (seats older than that). */
  quietSeatIds: string[];
  unresolvedObjections: number;
  openTensions: number;
  renewal: { dueOn: string | null; overdue: boolean };
}

const dayMs = 86_400_000;

/**
 * Counts an alliance's open matters at `now`: commitments past due or waiting on an answer for
 * more than 7 days, seats silent for 30 days, consent objections on open proposals without an
 * answer, tensions not resolved or reframed, and the charter's next renewal date.
 */
export async function countPortfolioMatters(db: Db, allianceId: string, now: Date): Promise<PortfolioCounters> {
  const weekAgo = new Date(now.getTime() - 7 * dayMs);
  const monthAgo = new Date(now.getTime() - 30 * dayMs);
  const [loops, quiet, objections, tensions, renewal] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from commitments c where c.alliance_id = ${allianceId}
      and c.state in ('requested', 'countered', 'promised', 'reported')
      and (c.due_at < ${now} or (c.state in ('requested', 'countered') and c.updated_at < ${weekAgo}))`.execute(db),
    sql<{ id: string }>`select s.id from seats s where s.alliance_id = ${allianceId} and s.created_at < ${monthAgo}
      and not exists (select 1 from events e where e.alliance_id = ${allianceId} and e.seat_id = s.id and e.occurred_at >= ${monthAgo})
      order by s.id`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from decision_positions dp join decision_proposals p on p.id = dp.proposal_id
      where dp.alliance_id = ${allianceId} and p.state = 'open' and dp.value->>'kind' = 'stance' and dp.value->>'stance' = 'object'
      and not exists (select 1 from decision_objection_responses r where r.position_id = dp.id)`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from tensions t where t.alliance_id = ${allianceId} and t.status in ('raised', 'in_dialogue')`.execute(db),
    loadRenewal(db, allianceId, now),
  ]);
  return {
    stalledLoops: Number(loops.rows[0]?.n ?? 0),
    quietSeatIds: quiet.rows.map((r) => r.id),
    unresolvedObjections: Number(objections.rows[0]?.n ?? 0),
    openTensions: Number(tensions.rows[0]?.n ?? 0),
    renewal,
  };
}

async function loadRenewal(db: Db, allianceId: string, now: Date): Promise<PortfolioCounters["renewal"]> {
  const head = await loadCharterHead(db, allianceId);
  if (!head || head.current_version < 1) return { dueOn: null, overdue: false };
  const [charter, adoptedOn] = await Promise.all([loadCharterVersion(db, allianceId, head.current_version), loadCharterAdoptedOn(db, allianceId)]);
  if (!charter || !adoptedOn) return { dueOn: null, overdue: false };
  const status = charterRenewalStatus({ adoptedOn, renewedOn: head.renewed_on, periodMonths: charterRules(charter).renewalPeriodMonths, now });
  return { dueOn: status.nextDueOn, overdue: status.overdueByDays > 0 };
}
