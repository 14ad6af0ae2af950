-- The house: accounts, organizations, alliances, seats, roles, invitations, the event chain.
-- Written for PostgreSQL 15 (the embedded database is newer; nothing here needs more than 15).

create table instance_settings (
  key text primary key,
  value jsonb not null
);

create table people (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  display_name text not null,
  password_hash text,
  is_admin boolean not null default false,
  time_zone text not null default 'UTC',
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint people_email_lower check (email = lower(email))
);

create table sessions (
  token_hash text primary key,
  person_id uuid not null references people(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_person on sessions(person_id);

create table password_resets (
  token_hash text primary key,
  person_id uuid not null references people(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('company', 'ngo', 'public_agency', 'funder', 'research', 'other')),
  sector text not null default '',
  website text not null default '',
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index organizations_name on organizations(lower(name));

create table organization_people (
  organization_id uuid not null references organizations(id) on delete cascade,
  person_id uuid not null references people(id) on delete cascade,
  title text not null default '',
  primary key (organization_id, person_id)
);
create index organization_people_person on organization_people(person_id);

create table alliances (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  purpose text not null default '',
  stage text not null default 'forming' check (stage in ('forming', 'active', 'renewing', 'closing', 'closed')),
  has_competitors boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table seats (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  organization_id uuid not null references organizations(id),
  weight double precision not null default 1 check (weight > 0),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  unique (alliance_id, organization_id)
);
create index seats_alliance on seats(alliance_id);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  person_id uuid not null references people(id) on delete cascade,
  role text not null check (role in ('facilitator', 'delegate', 'member', 'observer', 'counsel')),
  seat_id uuid references seats(id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint memberships_seat_roles check (role in ('facilitator', 'counsel', 'observer') or seat_id is not null)
);
create unique index memberships_unique on memberships(alliance_id, person_id, role, coalesce(seat_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index memberships_person on memberships(person_id);

create table clean_teams (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now()
);

create table clean_team_members (
  clean_team_id uuid not null references clean_teams(id) on delete cascade,
  person_id uuid not null references people(id) on delete cascade,
  primary key (clean_team_id, person_id)
);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  seat_id uuid references seats(id) on delete cascade,
  role text not null check (role in ('facilitator', 'delegate', 'member', 'observer', 'counsel')),
  email text not null,
  token_hash text not null unique,
  invited_by uuid not null references people(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references people(id),
  revoked_at timestamptz
);
create index invitations_alliance on invitations(alliance_id, created_at desc);

-- The event chain: one hash-chained log per alliance. chain_heads serializes appends.
create table chain_heads (
  alliance_id uuid primary key references alliances(id) on delete cascade,
  seq integer not null,
  hash text not null
);

create table events (
  alliance_id uuid not null references alliances(id) on delete cascade,
  seq integer not null,
  type text not null,
  actor_id uuid,
  seat_id uuid,
  visibility text not null check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  payload jsonb not null,
  occurred_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  primary key (alliance_id, seq)
);
create index events_alliance_time on events(alliance_id, occurred_at desc, seq desc);

-- Mail waiting to be sent, or kept for the operator when no SMTP server is configured.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  text_body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);

-- Leases let several server instances share scheduled jobs without doing a job twice.
create table job_leases (
  job text primary key,
  owner text not null,
  leased_until timestamptz not null
);

create table sent_reminders (
  dedup_key text primary key,
  sent_at timestamptz not null default now()
);
