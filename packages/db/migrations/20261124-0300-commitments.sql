-- Commitments: conversations for action between a customer and a performer, each a person acting
-- for a seat (shared/reference/conversation-for-action.md). Moves are events on the alliance's
-- chain; the current state is stored beside them in the same transaction, and every move is also
-- kept as a row (the thread), so the commitment can be rebuilt and replayed by core.
-- Also: notifications, a person's in-app inbox (other capabilities may write to it too).
-- Written for PostgreSQL 15.

create table commitments (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  conditions text not null,
  due_at timestamptz not null,
  time_zone text not null,
  customer_person_id uuid not null references people(id),
  customer_seat_id uuid not null references seats(id),
  performer_person_id uuid not null references people(id),
  performer_seat_id uuid not null references seats(id),
  -- Where the commitment came from, when it came from one (records of other capabilities; no FK,
  -- so a commitment can be created before those tables exist or after a record is removed).
  meeting_id uuid,
  proposal_id uuid,
  charter_clause_id uuid,
  goal_id uuid,
  state text not null check (state in ('start', 'requested', 'countered', 'promised', 'reported', 'accepted', 'reneged', 'declined', 'cancelled', 'revoked')),
  -- New terms proposed during performance: { by, personId, at, conditions?, dueAt?, timeZone? }.
  pending_renegotiation jsonb,
  commit_to_commit_by timestamptz,
  -- The date the open state is held to (core deadlineOf): the commit-to-commit date of a request
  -- that has one, else the due date; null once closed. "My loops" sort on it: overdue first.
  deadline_at timestamptz,
  negotiation_rounds integer not null default 0,
  opened_at timestamptz,
  first_response_at timestamptz,
  promised_at timestamptz,
  reported_at timestamptz,
  closed_at timestamptz,
  last_move text,
  last_move_at timestamptz,
  -- The last time a facilitator nudged it (not a move: the version does not change).
  nudged_at timestamptz,
  created_by uuid not null references people(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid references clean_teams(id),
  version integer not null default 1,
  constraint commitments_distinct_parties check (customer_person_id <> performer_person_id),
  constraint commitments_deadline_when_open check ((state in ('requested', 'countered', 'promised', 'reported')) = (deadline_at is not null))
);

-- My loops: a person's open commitments, as customer and as performer, in deadline order.
-- Partial indexes keep only open commitments, so the lookup stays small however long the history.
create index commitments_open_customer on commitments (customer_person_id, alliance_id, deadline_at, id)
  where state in ('requested', 'countered', 'promised', 'reported');
create index commitments_open_performer on commitments (performer_person_id, alliance_id, deadline_at, id)
  where state in ('requested', 'countered', 'promised', 'reported');
-- Overdue reminders across alliances.
create index commitments_open_deadline on commitments (deadline_at)
  where state in ('requested', 'countered', 'promised', 'reported');
-- Lists of an alliance's commitments, by due date and by last change.
create index commitments_alliance_due on commitments (alliance_id, due_at, id);
create index commitments_alliance_updated on commitments (alliance_id, updated_at desc, id desc);
create index commitments_customer_seat on commitments (customer_seat_id);
create index commitments_performer_seat on commitments (performer_seat_id);

-- The thread: every move with its words and the terms it carried.
create table commitment_moves (
  commitment_id uuid not null references commitments(id) on delete cascade,
  seq integer not null check (seq >= 1),
  alliance_id uuid not null references alliances(id) on delete cascade,
  move text not null,
  by_person_id uuid not null references people(id),
  role text not null check (role in ('customer', 'performer')),
  at timestamptz not null,
  message text,
  conditions text,
  due_at timestamptz,
  time_zone text,
  answer_by timestamptz,
  -- The event on the alliance's chain that records this move.
  event_seq integer not null,
  primary key (commitment_id, seq)
);
create index commitment_moves_alliance_at on commitment_moves (alliance_id, at);

-- A person's in-app notifications (moves addressed to them, nudges, reminders).
create table notifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people(id) on delete cascade,
  alliance_id uuid references alliances(id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  record_type text,
  record_id uuid,
  actor_id uuid references people(id) on delete set null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_person on notifications (person_id, created_at desc, id desc);
create index notifications_person_unread on notifications (person_id, alliance_id) where read_at is null;
