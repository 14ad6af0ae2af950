-- Rhythm: cadences (RFC 5545 recurrences in a time zone) and their cancelled occurrences; meetings
-- made from occurrences, with agendas any seat adds to, attendance, the antitrust notice,
-- object-and-leave, outcomes, ratings and versioned minutes; calendar feed tokens.
-- Written for PostgreSQL 15. No foreign keys to other capabilities' tables (outcomes point at
-- commitments and proposals by id only), so this file stands on the house alone.

create table cadences (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  kind text not null check (kind in ('tactical_check_in', 'governance_meeting', 'alignment_renewal', 'health_review', 'other')),
  title text not null check (length(title) between 1 and 160),
  description text not null default '',
  location text not null default '',
  -- The RRULE value (no "RRULE:" prefix) and the first start as local wall-clock time in time_zone
  -- ('2026-07-07T15:00:00'); core validateCadence checks they agree.
  rrule text not null,
  dtstart text not null check (dtstart ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$'),
  time_zone text not null,
  duration_minutes integer not null check (duration_minutes between 1 and 10080),
  -- The agenda closes this long before each occurrence's start.
  agenda_cutoff_minutes integer not null default 1440 check (agenda_cutoff_minutes between 0 and 43200),
  expected_seat_ids uuid[] not null default '{}',
  created_by uuid references people(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1
);
create index cadences_alliance on cadences(alliance_id, lower(title), id);

-- A cancelled occurrence keeps its identity (the original local start, core's occurrence key) so
-- calendar feeds can mark it cancelled under the same UID.
create table cadence_cancellations (
  cadence_id uuid not null references cadences(id) on delete cascade,
  occurrence_key text not null check (occurrence_key ~ '^\d{8}T\d{6}$'),
  reason text not null default '',
  cancelled_by uuid references people(id),
  cancelled_at timestamptz not null default now(),
  primary key (cadence_id, occurrence_key)
);

-- An occurrence that became a meeting. Schedule, expected seats and visibility are copied from the
-- cadence when the meeting is opened, so later changes to the cadence do not rewrite history.
create table meetings (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  cadence_id uuid not null references cadences(id) on delete cascade,
  occurrence_key text not null check (occurrence_key ~ '^\d{8}T\d{6}$'),
  title text not null,
  scheduled_start timestamptz not null,
  scheduled_end timestamptz not null,
  agenda_cutoff_at timestamptz not null,
  expected_seat_ids uuid[] not null default '{}',
  status text not null default 'scheduled' check (status in ('scheduled', 'in_progress', 'closed', 'cancelled')),
  summary text not null default '',
  agenda_circulated_at timestamptz,
  started_at timestamptz,
  started_by uuid references people(id),
  closed_at timestamptz,
  closed_by uuid references people(id),
  opened_by uuid references people(id),
  created_at timestamptz not null default now(),
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1,
  unique (cadence_id, occurrence_key)
);
create index meetings_alliance on meetings(alliance_id, scheduled_start desc, id desc);

-- Agenda items inherit their meeting's visibility (read only through it).
create table agenda_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  -- The seat the item is authored for (null: added by a facilitator for no seat).
  seat_id uuid references seats(id) on delete set null,
  author_id uuid not null references people(id),
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  position integer not null,
  -- The time box the facilitator gives it.
  duration_minutes integer check (duration_minutes between 1 and 480),
  -- Added by a facilitator after the agenda cutoff.
  is_late boolean not null default false,
  started_at timestamptz,
  notes text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index agenda_items_meeting on agenda_items(meeting_id, position, id);

-- Per person; a seat counts as present when any of its people was present.
create table meeting_attendance (
  meeting_id uuid not null references meetings(id) on delete cascade,
  person_id uuid not null references people(id),
  seat_id uuid references seats(id) on delete set null,
  status text not null check (status in ('present', 'absent', 'excused', 'left')),
  left_at timestamptz,
  recorded_by uuid references people(id),
  recorded_at timestamptz not null default now(),
  primary key (meeting_id, person_id)
);

-- The antitrust notice, acknowledged by each attendee at the start (alliances with competitors).
create table meeting_acknowledgements (
  meeting_id uuid not null references meetings(id) on delete cascade,
  person_id uuid not null references people(id),
  seat_id uuid references seats(id) on delete set null,
  notice_version text not null,
  acknowledged_at timestamptz not null default now(),
  primary key (meeting_id, person_id)
);

-- Someone objected to an item and left the meeting; written into the minutes.
create table meeting_objections (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  agenda_item_id uuid references agenda_items(id) on delete set null,
  person_id uuid not null references people(id),
  seat_id uuid references seats(id) on delete set null,
  reason text not null default '',
  created_at timestamptz not null default now()
);
create index meeting_objections_meeting on meeting_objections(meeting_id, created_at);

-- What the meeting produced: a commitment or a proposal (linked by id once created through its
-- own capability's API, with links.meetingId pointing back) or a plain note.
create table meeting_outcomes (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings(id) on delete cascade,
  agenda_item_id uuid references agenda_items(id) on delete set null,
  kind text not null check (kind in ('commitment', 'proposal', 'note')),
  linked_record_id uuid,
  text text not null check (length(text) between 1 and 2000),
  recorded_by uuid references people(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index meeting_outcomes_meeting on meeting_outcomes(meeting_id, created_at);

-- Each attendee's rating of the meeting; shown only as an aggregate.
create table meeting_ratings (
  meeting_id uuid not null references meetings(id) on delete cascade,
  person_id uuid not null references people(id),
  rating smallint not null check (rating between 1 and 5),
  rated_at timestamptz not null default now(),
  primary key (meeting_id, person_id)
);

-- Minutes: version 1 is published when the meeting closes; every later edit adds a version.
create table meeting_minutes (
  meeting_id uuid not null references meetings(id) on delete cascade,
  version integer not null check (version >= 1),
  content jsonb not null,
  markdown text not null,
  reason text not null default '',
  edited_by uuid references people(id),
  edited_at timestamptz not null default now(),
  primary key (meeting_id, version)
);

-- Secret calendar URLs: per person (all their alliances, alliance_id null) or per alliance.
-- Only the SHA-256 of the token is stored; revoking makes the URL answer 404.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people(id) on delete cascade,
  alliance_id uuid references alliances(id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index calendar_feeds_person on calendar_feeds(person_id, created_at desc);
