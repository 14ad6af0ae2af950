import { AppError } from "../errors";

/** The dynamics a pulse item speaks to (reference/pulse-bank.md; mutual benefit is its own aspect). */
export const pulseDynamics = ["trust", "candor", "authorship", "mutual_benefit", "rhythm", "language", "presence"] as const;
export type PulseDynamic = (typeof pulseDynamics)[number];

/** Answer scales: 7-point agreement, or the 1–5 meeting-effectiveness rating. */
export const pulseScales = {
  agreement7: {
    min: 1,
    max: 7,
    labels: ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"],
  },
  effectiveness5: { min: 1, max: 5, labels: ["Poor", "Fair", "Good", "Very good", "Excellent"] },
} as const satisfies Record<string, { min: number; max: number; labels: readonly string[] }>;
export type PulseScale = keyof typeof pulseScales;

/** The block asked in every pulse; all other blocks rotate. */
export const anchorBlock = "anchor";

export interface PulseItem {
  /** Stable id: responses refer to it forever. */
  id: string;
  dynamic: PulseDynamic;
  /** A finer aspect inside the dynamic (e.g. trust: reliability). */
  facet: string | null;
  /** Wording; "[Partner]" is replaced by the target seat's name for directional items. */
  text: string;
  scale: PulseScale;
  /** Agreement means a worse state (scores are flipped). */
  reversed: boolean;
  /** Asked once per other seat: "[Partner]" items, so trust is directional. */
  directional: boolean;
  block: string;
  /** The published instrument the item is adapted from. */
  source: string;
}

/**
 * The item bank, as data (reference/pulse-bank.md). Blocks of three rotate (two per pulse) and
 * the meeting-effectiveness item is asked every time, so a pulse has 7 bank items.
 */
export const pulseBank: readonly PulseItem[] = [
  {
    id: "presence.meeting-effectiveness",
    dynamic: "presence",
    facet: "meetings",
    text: "How effective was our last meeting?",
    scale: "effectiveness5",
    reversed: false,
    directional: false,
    block: anchorBlock,
    source: "meeting-effectiveness ratings",
  },
  {
    id: "trust.even-handed",
    dynamic: "trust",
    facet: "organization",
    text: "[Partner] has been even-handed in its negotiations with us.",
    scale: "agreement7",
    reversed: false,
    directional: true,
    block: "trust-organization",
    source: "Zaheer, McEvily & Perrone (1998), inter-organizational trust",
  },
  {
    id: "trust.gain-at-our-expense",
    dynamic: "trust",
    facet: "organization",
    text: "[Partner] would use an opportunity to gain at our expense.",
    scale: "agreement7",
    reversed: true,
    directional: true,
    block: "trust-organization",
    source: "Zaheer, McEvily & Perrone (1998), inter-organizational trust",
  },
  {
    id: "candor.problems-raised",
    dynamic: "candor",
    facet: "psychological safety",
    text: "In this alliance people can bring up problems and tough issues.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "trust-organization",
    source: "Edmondson (1999), team psychological safety",
  },
  {
    id: "trust.keeps-commitments",
    dynamic: "trust",
    facet: "reliability",
    text: "[Partner] keeps the commitments it makes to this alliance.",
    scale: "agreement7",
    reversed: false,
    directional: true,
    block: "trust-reliability",
    source: "Cummings & Bromiley, Organizational Trust Inventory (keeps commitments)",
  },
  {
    id: "trust.negotiates-honestly",
    dynamic: "trust",
    facet: "honesty",
    text: "[Partner] negotiates honestly with us.",
    scale: "agreement7",
    reversed: false,
    directional: true,
    block: "trust-reliability",
    source: "Cummings & Bromiley, Organizational Trust Inventory (negotiates honestly)",
  },
  {
    id: "candor.mistakes-held-against",
    dynamic: "candor",
    facet: "psychological safety",
    text: "If my organization makes a mistake here, it is held against us.",
    scale: "agreement7",
    reversed: true,
    directional: false,
    block: "trust-reliability",
    source: "Edmondson (1999), team psychological safety",
  },
  {
    id: "authorship.skills-valued",
    dynamic: "authorship",
    facet: "voice",
    text: "My organization's distinct skills and perspectives are valued and used.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "authorship",
    source: "Edmondson item, adapted to organizations",
  },
  {
    id: "authorship.input-of-all",
    dynamic: "authorship",
    facet: "power balance",
    text: "Decisions here reflect the input of all partners, not only the largest or best funded.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "authorship",
    source: "TPI principle of equity / power balance",
  },
  {
    id: "candor.silence-as-agreement",
    dynamic: "candor",
    facet: "false harmony",
    text: "In this alliance, silence is usually taken as agreement.",
    scale: "agreement7",
    reversed: true,
    directional: false,
    block: "authorship",
    source: "Janis, groupthink (illusion of unanimity)",
  },
  {
    id: "rhythm.goals-revisited",
    dynamic: "rhythm",
    facet: "renewal",
    text: "Our shared goals have been explicitly revisited in the last cycle.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "rhythm-language",
    source: "partnership health-check cadence",
  },
  {
    id: "language.shared-meaning",
    dynamic: "language",
    facet: "shared meaning",
    text: "When we use key words like 'priority' or 'done', partners mean the same thing.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "rhythm-language",
    source: "alliance health-check case of diverging meanings",
  },
  {
    id: "mutual_benefit.value-expected",
    dynamic: "mutual_benefit",
    facet: "value",
    text: "My organization is getting the value it expected from this alliance.",
    scale: "agreement7",
    reversed: false,
    directional: false,
    block: "rhythm-language",
    source: "TPI / PBA mutual benefit",
  },
];

/** Finds an item by id in a bank; throws validation_failed when it is not there. */
export function findPulseItem(itemId: string, bank: readonly PulseItem[] = pulseBank): PulseItem {
  const item = bank.find((candidate) => candidate.id === itemId);
  if (!item) throw new AppError("validation_failed", `No pulse item ${itemId} in the bank.`, { itemId });
  return item;
}
