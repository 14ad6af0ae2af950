import type { AmendmentKind, AmendmentRule, AmendmentState, CharterSetting, SectionKind } from "@trellis/core/charter";
import type { Fraction, RenewalStatus } from "./types";

// Words people read for the charter's codes.

export const sectionLabels: Record<SectionKind, string> = {
  purpose: "Purpose",
  scope: "Scope",
  principles: "Principles",
  governance: "Governance",
  objectives: "Objectives",
  contributions: "Contributions",
};

/** One line under each section's heading. */
export const sectionHelp: Record<SectionKind, string> = {
  purpose: "What we are bringing into being together.",
  scope: "What is pre-competitive and shared, and what stays out.",
  principles: "How we behave towards each other and the world.",
  governance: "Decision rules, quorum, how the charter is amended and how often it is renewed.",
  objectives: "What we aim for together, and each partner's own objectives beside them.",
  contributions: "What we bring together, and what each partner contributes.",
};

export const amendmentStateLabels: Record<AmendmentState, string> = {
  open: "Open",
  ratified: "Ratified",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  stale: "Stale",
};

/** Badge colours dark enough for white text at 4.5:1. */
export const amendmentStateColors: Record<AmendmentState, string> = {
  open: "blue.8",
  ratified: "teal.9",
  rejected: "red.9",
  withdrawn: "gray.7",
  stale: "orange.9",
};

export const amendmentKindLabels: Record<AmendmentKind, string> = {
  add: "Add a clause",
  change: "Change a clause",
  remove: "Remove a clause",
};

function fraction(f: Fraction): string {
  if (f.numerator === 2 && f.denominator === 3) return "two thirds";
  if (f.numerator === 3 && f.denominator === 4) return "three quarters";
  return `${f.numerator}/${f.denominator}`;
}

/** "Every seat consents", "At least two thirds of the seats consent", … */
export function describeAmendmentRule(rule: AmendmentRule): string {
  switch (rule.kind) {
    case "unanimous":
      return "Every seat consents";
    case "qualified_majority":
      return `At least ${fraction(rule.threshold)} of the seats consent`;
    case "weighted":
      return `Seats holding at least ${fraction(rule.threshold)} of the seat weight consent`;
  }
}

/** The rule a governance clause states, in words. */
export function describeSetting(setting: CharterSetting): string {
  switch (setting.key) {
    case "amendment_rule":
      return `Amendment rule: ${describeAmendmentRule(setting.rule).toLowerCase()}`;
    case "renewal_period":
      return `Renewal period: every ${setting.months} month${setting.months === 1 ? "" : "s"}`;
    case "decision_quorum":
      return `Decision quorum: ${fraction(setting.fraction)} of the seats`;
  }
}

/** "10 Jun 2027" for a calendar day "2027-06-10" (a day, not an instant: no time zone applies). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** The renewal line of the charter page: "Renewal overdue by 15 days", "Renewed on …", … */
export function describeRenewal(status: RenewalStatus): { headline: string; detail: string; tone: "overdue" | "due" | "ok" } {
  const renewed = status.renewedOn ? `Renewed on ${formatDay(status.renewedOn)}` : `Not renewed since adoption on ${formatDay(status.since)}`;
  if (status.isOverdue) return { headline: `Renewal overdue by ${days(status.overdueByDays)}`, detail: `${renewed}; it was due on ${formatDay(status.nextDueOn)}.`, tone: "overdue" };
  if (status.isDue) return { headline: "Renewal due today", detail: `${renewed}.`, tone: "due" };
  return { headline: renewed, detail: `Next renewal due on ${formatDay(status.nextDueOn)} (in ${days(status.dueInDays)}); the charter renews every ${status.periodMonths} month${status.periodMonths === 1 ? "" : "s"}.`, tone: "ok" };
}
