-- Health (reference/health-signals.md): alerts raised by the Collaboration Capacity Index, and a
-- snapshot per alliance of its last computation (what the facilitator's portfolio reads).
-- Written for PostgreSQL 15.

-- One row per engine alert (key "<pathology>:<seat id|alliance>:<day raised>"): inserted when
-- raised, updated while its evidence changes, resolved when the evidence clears.
create table health_alerts (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances(id) on delete cascade,
  alert_key text not null,
  pathology text not null check (pathology in ('one-sided', 'false-harmony', 'fraying-trust', 'drift', 'silent-partner',
    'conflict-avoidance', 'short-termism', 'perception-gap')),
  seat_id uuid references seats(id) on delete set null,
  title text not null,
  description text not null,
  suggested_move text not null,
  status text not null check (status in ('active', 'resolved')),
  raised_at timestamptz not null,
  updated_at timestamptz not null,
  resolved_at timestamptz,
  score double precision not null,
  peak_score double precision not null,
  -- { signals: [...], records: [{ factId, type, recordId, at }] } as the engine gives it.
  evidence jsonb not null,
  -- Alerts are for facilitators; partners see a summary through the health API.
  visibility text not null default 'facilitators' check (visibility in ('alliance', 'seats', 'facilitators', 'clean_team')),
  visible_seat_ids uuid[] not null default '{}',
  clean_team_id uuid,
  version integer not null default 1,
  unique (alliance_id, alert_key)
);
create index health_alerts_open on health_alerts(alliance_id, status, raised_at desc);

-- The last computation of an alliance's health: derived data, recomputable from the log at any
-- time (so not part of an archive).
create table health_snapshots (
  alliance_id uuid primary key references alliances(id) on delete cascade,
  last_seq integer not null,
  computed_at timestamptz not null,
  as_of timestamptz not null,
  health_index double precision,
  trend_delta double precision,
  -- { trend, dynamics, series: [{ weekEnd, index }], stalledLoops, silentSeats, unresolvedObjections,
  --   openTensions, renewal: { dueOn, overdue } }
  summary jsonb not null,
  open_alert_count integer not null default 0,
  open_pathologies text[] not null default '{}',
  version integer not null default 1
);
create index health_snapshots_index on health_snapshots(health_index);
