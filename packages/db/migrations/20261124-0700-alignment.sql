-- The alignment map (reference/alignment-map.md): a question, statements, agree/disagree/pass
-- votes, and the computed map (opinion groups, consensus, divisive statements, seat divergence).
-- Written for PostgreSQL 15.

create table alignment_maps (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  question text not null,
  description text not null default '',
  -- "Check alignment before deciding": the record the map informs (the other capability resolves it).
  link_kind text check (link_kind in ('proposal', 'charter_clause')),
  link_id text,
  status text not null default 'open' check (status in ('open', 'closed')),
  -- 'polis' for a map imported from a Pol.is export (its participants are pseudonyms).
  source text not null default 'trellis' check (source in ('trellis', 'polis')),
  created_by uuid references people(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Bumped by every change the map's analysis depends on (a vote, a moderation); results
  -- remember the revision they were computed at, so staleness is one comparison.
  revision integer not null default 0,
  visibility text not null default 'alliance' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1,
  constraint alignment_maps_link check ((link_kind is null) = (link_id is null))
);
create index alignment_maps_alliance on alignment_maps(alliance_id, created_at desc, id);

-- A participant is a person, or a pseudonym imported from Pol.is (no account). Position is the
-- order of joining the map: the analysis seeds k-means with participants in this order.
create table alignment_participants (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references alignment_maps(id) on delete cascade,
  person_id uuid references people(id) on delete cascade,
  pseudonym text,
  position integer not null,
  created_at timestamptz not null default now(),
  constraint alignment_participants_who check ((person_id is null) <> (pseudonym is null)),
  unique (map_id, position)
);
create unique index alignment_participants_person on alignment_participants(map_id, person_id) where person_id is not null;
create unique index alignment_participants_pseudonym on alignment_participants(map_id, pseudonym) where pseudonym is not null;

-- Statements. Moderation: pending (not shown for voting yet), accepted, rejected, or meta
-- (about the process: shown and voted on, but left out of the map like a rejected one).
create table alignment_statements (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references alignment_maps(id) on delete cascade,
  number integer not null,
  body text not null,
  author_participant_id uuid references alignment_participants(id) on delete set null,
  moderation text not null default 'pending' check (moderation in ('pending', 'accepted', 'rejected', 'meta')),
  moderated_by uuid references people(id) on delete set null,
  moderated_at timestamptz,
  -- The statement's id in an imported Pol.is export.
  external_id text,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  unique (map_id, number)
);
create index alignment_statements_moderation on alignment_statements(map_id, moderation, number);

-- The latest vote of a participant on a statement (a changed vote replaces the row).
create table alignment_votes (
  map_id uuid not null references alignment_maps(id) on delete cascade,
  participant_id uuid not null references alignment_participants(id) on delete cascade,
  statement_id uuid not null references alignment_statements(id) on delete cascade,
  vote smallint not null check (vote in (-1, 0, 1)),
  voted_at timestamptz not null,
  primary key (participant_id, statement_id)
);
create index alignment_votes_map on alignment_votes(map_id, statement_id);

-- The computed map, written off the request path; revision = the map's revision it reflects.
create table alignment_results (
  map_id uuid primary key references alignment_maps(id) on delete cascade,
  revision integer not null,
  vote_count integer not null,
  participant_count integer not null,
  k integer not null,
  result jsonb not null,
  computed_at timestamptz not null
);
