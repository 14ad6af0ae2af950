-- Shared authorship: the living charter (versions, amendments with their ratification and
-- discussion, renewal rounds) and decisions (proposals, positions, objection responses, outcomes).
-- Written for PostgreSQL 15.

-- One row per alliance that has a charter: the head every ratification locks (FOR UPDATE), so
-- two amendments can never both become "the next version".
create table charters (
  alliance_id uuid primary key references alliances(id) on delete cascade,
  current_version integer not null default 0,
  -- The last renewal of the shared intent, a calendar day 'YYYY-MM-DD' (text: the same on both
  -- drivers, no time-zone parsing); null until the first renewal.
  renewed_on text check (renewed_on ~ '^\d{4}-\d{2}-\d{2}$'),
  created_by uuid not null references people(id),
  created_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1
);

-- Every charter version as the full core Charter value (clauses with their authorship).
create table charter_versions (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references charters(alliance_id) on delete cascade,
  charter_version integer not null check (charter_version >= 0),
  adopted_at timestamptz,
  amendment_id uuid,
  body jsonb not null,
  created_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  unique (alliance_id, charter_version)
);

create table charter_amendments (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references charters(alliance_id) on delete cascade,
  title text not null,
  kind text not null check (kind in ('add', 'change', 'remove')),
  clause_id text not null,
  placement jsonb,
  base_clause_revision integer,
  base_text text,
  proposed_text text,
  proposed_setting jsonb,
  rationale text not null,
  proposer_id uuid not null references people(id),
  proposer_seat_id uuid not null references seats(id) on delete cascade,
  state text not null default 'open' check (state in ('open', 'ratified', 'rejected', 'withdrawn', 'stale')),
  draft integer not null default 1,
  -- The charter version the current draft was written against (for the reader; staleness is per clause).
  based_on_version integer not null,
  proposed_at timestamptz not null,
  settled_at timestamptz,
  ratified_as_version integer,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1
);
create index charter_amendments_alliance on charter_amendments(alliance_id, proposed_at desc, id desc);
create index charter_amendments_clause on charter_amendments(alliance_id, clause_id) where state in ('open', 'stale');

-- A delegate's answer to an amendment's draft: one per person and draft (a new answer replaces it).
create table charter_ratifications (
  amendment_id uuid not null references charter_amendments(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  draft integer not null,
  person_id uuid not null references people(id),
  seat_id uuid not null references seats(id) on delete cascade,
  answer text not null check (answer in ('consent', 'object')),
  reason text,
  answered_at timestamptz not null,
  primary key (amendment_id, draft, person_id),
  constraint charter_ratifications_reason check (answer = 'consent' or (reason is not null and length(trim(reason)) > 0))
);

-- The discussion thread of an amendment.
create table charter_comments (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  amendment_id uuid not null references charter_amendments(id) on delete cascade,
  author_id uuid not null references people(id),
  author_seat_id uuid references seats(id) on delete set null,
  body text not null,
  created_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid
);
create index charter_comments_amendment on charter_comments(amendment_id, created_at, id);

-- A renewal round: every seat is asked to reaffirm the purpose or raise a concern.
create table charter_renewal_rounds (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references charters(alliance_id) on delete cascade,
  opened_on text not null check (opened_on ~ '^\d{4}-\d{2}-\d{2}$'),
  opened_at timestamptz not null,
  opened_by uuid references people(id),
  seat_ids uuid[] not null,
  closed_at timestamptz,
  renewed_on text check (renewed_on ~ '^\d{4}-\d{2}-\d{2}$'),
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid
);
-- At most one open round per alliance.
create unique index charter_renewal_rounds_open on charter_renewal_rounds(alliance_id) where closed_at is null;

create table charter_renewal_answers (
  round_id uuid not null references charter_renewal_rounds(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  person_id uuid not null references people(id),
  seat_id uuid not null references seats(id) on delete cascade,
  answer text not null check (answer in ('reaffirm', 'concern')),
  reason text,
  answered_at timestamptz not null,
  primary key (round_id, person_id),
  constraint charter_renewal_answers_reason check (answer = 'reaffirm' or (reason is not null and length(trim(reason)) > 0))
);

-- Decisions.
create table decision_proposals (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  title text not null,
  body text not null default '',
  proposer_id uuid not null references people(id),
  proposer_seat_id uuid references seats(id) on delete set null,
  method jsonb not null,
  method_kind text not null,
  options jsonb not null default '[]',
  closes_at timestamptz,
  closed_at timestamptz,
  closed_by uuid references people(id),
  hidden_until_close boolean not null default false,
  anonymous boolean not null default false,
  quorum jsonb not null,
  seat_rule text not null check (seat_rule in ('majority', 'unanimous', 'proportional')),
  state text not null default 'open' check (state in ('open', 'closed')),
  -- Keys positions to their authors without naming them (see decision_positions.author_key); never leaves the server.
  author_salt text not null,
  advice_decision jsonb,
  -- Frozen when the proposal closes (and when an advice decision follows): the core Outcome and the seats it counted.
  outcome jsonb,
  seats_at_close jsonb,
  result text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1
);
create index decision_proposals_alliance on decision_proposals(alliance_id, created_at desc, id desc);
create index decision_proposals_closed on decision_proposals(alliance_id, closed_at desc, id desc) where state = 'closed';
create index decision_proposals_due on decision_proposals(closes_at) where state = 'open';

-- One current position per person and proposal. author_key = sha256(author_salt || person id):
-- the unique index keeps one position per person; person_id stays null for anonymous proposals,
-- so no column partners can reach names the author. A changed position is a new row (new id).
create table decision_positions (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null references decision_proposals(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  author_key text not null,
  person_id uuid references people(id),
  seat_id uuid not null references seats(id) on delete cascade,
  value jsonb not null,
  reason text,
  taken_at timestamptz not null,
  unique (proposal_id, author_key)
);
create index decision_positions_proposal on decision_positions(proposal_id);

-- The proposer's answer to a consent objection (addressed or integrated).
create table decision_objection_responses (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null references decision_proposals(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  position_id uuid not null references decision_positions(id) on delete cascade,
  kind text not null check (kind in ('addressed', 'integrated')),
  note text not null,
  responded_by uuid not null references people(id),
  responded_at timestamptz not null
);
create index decision_objection_responses_proposal on decision_objection_responses(proposal_id);

-- The outcome statement kept in the decision log, with its review date.
create table decision_outcomes (
  proposal_id uuid primary key references decision_proposals(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  statement text not null,
  review_on text not null check (review_on ~ '^\d{4}-\d{2}-\d{2}$'),
  recorded_by uuid not null references people(id),
  recorded_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance','seats','facilitators','clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1
);
create index decision_outcomes_review on decision_outcomes(alliance_id, review_on);
