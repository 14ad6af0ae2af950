-- Language and presence: the registers (breakdowns, tensions, assumptions, learnings) with their
-- comments and links, and pulses with anonymous answers. Written for PostgreSQL 15.
--
-- Anonymity, as stored (DESIGN.md, Security; core registers/tension.ts and pulses/anonymity-guard.ts):
-- * An anonymous tension has no author columns filled (a check says so), its time is kept to the UTC
--   day, and it carries no column with a precise creation time. The only link to its author is a
--   tension_disclosures row, written only when the author asks, that only facilitators may read.
-- * Pulse answers carry an opaque respondent key, random and scoped to one pulse, and no person and
--   no time. Who responded is kept in pulse_respondents, with no key and no time: nothing joins them.

create table breakdowns (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  named_by uuid not null references people(id),
  what_happened text not null check (length(what_happened) between 1 and 4000),
  what_was_expected text not null check (length(what_was_expected) between 1 and 4000),
  impact text not null check (length(impact) between 1 and 4000),
  -- The seats involved; empty means the alliance as a whole.
  seat_ids uuid[] not null default '{}',
  status text not null default 'open' check (status in ('open', 'in_discussion', 'closed')),
  closure_kind text check (closure_kind in ('reinterpretation', 'action')),
  reinterpretation text,
  action_type text check (action_type in ('commitment', 'proposal')),
  action_id uuid,
  closure_note text,
  named_at timestamptz not null,
  discussion_opened_at timestamptz,
  closed_at timestamptz,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid references clean_teams(id),
  version integer not null default 1,
  constraint breakdowns_closure check ((status = 'closed') = (closure_kind is not null)),
  constraint breakdowns_closure_fields check (
    case closure_kind
      when 'action' then action_type is not null and action_id is not null and reinterpretation is null
      when 'reinterpretation' then reinterpretation is not null and action_id is null
      else action_id is null and reinterpretation is null
    end
  )
);
create index breakdowns_alliance on breakdowns (alliance_id, named_at desc, id desc);
create index breakdowns_seats on breakdowns using gin (seat_ids);

create table tensions (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  summary text not null check (length(summary) between 1 and 4000),
  detail text,
  -- The seat the tension is raised toward; null means the whole alliance.
  target_seat_id uuid references seats(id),
  anonymous boolean not null,
  from_seat_id uuid references seats(id),
  raised_by uuid references people(id),
  status text not null default 'raised' check (status in ('raised', 'in_dialogue', 'resolved', 'reframed')),
  -- Anonymous: the start of the UTC day it was raised on.
  raised_at timestamptz not null,
  -- When partners could first see it. Anonymous tensions are published in a daily batch after their
  -- day ends, so neither the moment they appear nor their place in the event chain times them.
  published_at timestamptz,
  dialogue_opened_at timestamptz,
  closed_at timestamptz,
  outcome_kind text check (outcome_kind in ('resolved', 'reframed')),
  outcome_text text,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid references clean_teams(id),
  version integer not null default 1,
  constraint tensions_author check (
    case when anonymous then from_seat_id is null and raised_by is null else from_seat_id is not null and raised_by is not null and published_at is not null end
  ),
  constraint tensions_anonymous_day check (not anonymous or raised_at = date_trunc('day', raised_at, 'UTC')),
  -- A seats-only visibility would be chosen by the author and point at their seat.
  constraint tensions_anonymous_visibility check (not anonymous or visibility in ('alliance', 'facilitators')),
  constraint tensions_outcome check ((status in ('resolved', 'reframed')) = (outcome_kind is not null))
);
create index tensions_alliance on tensions (alliance_id, raised_at desc, id desc);
create index tensions_unpublished on tensions (raised_at) where published_at is null;

-- The only link from an anonymous tension to its author, written only when the author asks to tell
-- the facilitator. Facilitators only, never in a partner's export (exports for a viewer carry no rows).
create table tension_disclosures (
  tension_id uuid primary key references tensions(id) on delete cascade,
  alliance_id uuid not null references alliances(id) on delete cascade,
  person_id uuid not null references people(id),
  seat_id uuid not null references seats(id),
  disclosed_at timestamptz not null check (disclosed_at = date_trunc('day', disclosed_at, 'UTC')),
  visibility text not null default 'facilitators' check (visibility = 'facilitators'),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid
);

create table assumptions (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  statement text not null check (length(statement) between 1 and 4000),
  holder_seat_id uuid references seats(id),
  holder_person_id uuid references people(id),
  confidence_level text check (confidence_level in ('low', 'medium', 'high')),
  confidence_value double precision check (confidence_value between 0 and 1),
  test_plan text not null,
  status text not null default 'untested' check (status in ('untested', 'holding', 'invalidated')),
  -- A calendar day, YYYY-MM-DD (text: read the same by both drivers, no time-zone shifts).
  review_on text not null check (review_on ~ '^\d{4}-\d{2}-\d{2}$'),
  decision_ids uuid[] not null default '{}',
  last_test_at timestamptz,
  last_test_outcome text check (last_test_outcome in ('holding', 'invalidated')),
  last_test_evidence text,
  recorded_by uuid not null references people(id),
  recorded_at timestamptz not null,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid references clean_teams(id),
  version integer not null default 1,
  constraint assumptions_holder check ((holder_seat_id is null) <> (holder_person_id is null)),
  constraint assumptions_confidence check ((confidence_level is null) <> (confidence_value is null))
);
create index assumptions_alliance on assumptions (alliance_id, recorded_at desc, id desc);
create index assumptions_review on assumptions (alliance_id, review_on) where status <> 'invalidated';

create table learnings (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  source_kind text not null check (source_kind in ('experiment', 'event')),
  source_title text not null check (length(source_title) between 1 and 4000),
  source_link_type text,
  source_link_id uuid,
  what_happened text not null,
  what_was_learned text not null,
  what_changes text not null,
  seat_ids uuid[] not null default '{}',
  recorded_by uuid not null references people(id),
  recorded_at timestamptz not null,
  revised_at timestamptz,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid references clean_teams(id),
  version integer not null default 1,
  constraint learnings_link check ((source_link_type is null) = (source_link_id is null))
);
create index learnings_alliance on learnings (alliance_id, recorded_at desc, id desc);

-- The discussion of a register record; seen by whoever may see the record.
create table register_comments (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  record_type text not null check (record_type in ('breakdown', 'tension', 'assumption', 'learning')),
  record_id uuid not null,
  author_id uuid not null references people(id),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null
);
create index register_comments_record on register_comments (record_id, created_at, id);

-- Links from a register record to the records it touches (a breakdown closed by a commitment, the
-- decisions resting on an assumption, what a learning came from, any related record), so a record
-- can list the register entries that point at it. No time and no author: a link made with an
-- anonymous tension must not time or name it.
create table register_links (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  from_type text not null check (from_type in ('breakdown', 'tension', 'assumption', 'learning')),
  from_id uuid not null,
  to_type text not null,
  to_id uuid not null,
  relation text not null check (relation in ('closed_by', 'supports', 'learned_from', 'related')),
  unique (from_id, to_type, to_id, relation)
);
create index register_links_to on register_links (alliance_id, to_id);

-- The minimum group size k behind any shown pulse aggregate: default 5, never below 3.
create table pulse_settings (
  alliance_id uuid primary key references alliances(id) on delete cascade,
  min_group_size integer not null default 5 check (min_group_size >= 3 and min_group_size <= 1000),
  version integer not null default 1
);

-- The facilitator's rhythm of pulses: occurrence n opens at first_opens_at + n * every_weeks weeks
-- and stays open open_days days. The pulse job creates each occurrence's pulse when it opens.
create table pulse_cadences (
  alliance_id uuid primary key references alliances(id) on delete cascade,
  first_opens_at timestamptz not null,
  every_weeks integer not null check (every_weeks between 1 and 52),
  open_days integer not null check (open_days between 1 and 28),
  active boolean not null default true,
  set_by uuid not null references people(id),
  version integer not null default 1,
  check (open_days <= every_weeks * 7)
);

create table pulses (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  -- Position in the alliance's series; drives the block rotation (core buildPulse).
  sequence integer not null check (sequence >= 0),
  item_ids text[] not null,
  blocks text[] not null,
  -- The cadence occurrence this pulse realises; null for a pulse scheduled by hand.
  occurrence integer check (occurrence >= 0),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  closed_at timestamptz,
  -- Frozen when the pulse closes: people asked (acting for a seat) and people who answered.
  invited integer,
  respondents integer,
  scheduled_by uuid references people(id),
  created_at timestamptz not null,
  version integer not null default 1,
  unique (alliance_id, sequence),
  unique (alliance_id, occurrence),
  check (closes_at > opens_at),
  check ((closed_at is null) = (invited is null) and (closed_at is null) = (respondents is null))
);
create index pulses_due on pulses (closes_at) where closed_at is null;

-- Who has responded to a pulse: no key, no seat, no time, so no row here points at an answer.
create table pulse_respondents (
  pulse_id uuid not null references pulses(id) on delete cascade,
  person_id uuid not null references people(id),
  primary key (pulse_id, person_id)
);

-- The answers, under an opaque respondent key (random, one per response to one pulse): no person,
-- no time. Read only through the core anonymity guard.
create table pulse_answers (
  pulse_id uuid not null references pulses(id) on delete cascade,
  respondent_key text not null,
  respondent_seat_id uuid not null references seats(id),
  item_id text not null,
  target_seat_id uuid references seats(id),
  value smallint not null
);
create unique index pulse_answers_slot on pulse_answers (pulse_id, respondent_key, item_id, coalesce(target_seat_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Answers of a closed pulse never change: "before" minus "after" would isolate whoever changed.
create function pulse_answers_frozen() returns trigger language plpgsql as $$
begin
  if exists (select 1 from pulses where id = old.pulse_id and closed_at is not null) then
    raise exception 'answers of a closed pulse never change' using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end
$$;
create trigger pulse_answers_frozen before update or delete on pulse_answers for each row execute function pulse_answers_frozen();
