// The shared record's foundation: organisation, people, sign-in, accounts, contacts, interactions, trace.
// Forward-only; runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `CREATE EXTENSION IF NOT EXISTS pg_trgm`);

  await run(db, `
    CREATE TABLE regions (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE agencies (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL REFERENCES regions(id),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      city text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agencies_region_idx ON agencies(region_id);

    CREATE TABLE pools (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('sales','sales_assistant','inbound','telemarketing','associate_seller','back_office','marketing')),
      name text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('agency','region','nation')),
      agency_id uuid REFERENCES agencies(id),
      region_id uuid REFERENCES regions(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'agency' AND agency_id IS NOT NULL AND region_id IS NOT NULL)
          OR (scope = 'region' AND agency_id IS NULL AND region_id IS NOT NULL)
          OR (scope = 'nation' AND agency_id IS NULL AND region_id IS NULL))
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      password_hash text,
      roles text[] NOT NULL DEFAULT '{agent}',
      home_agency_id uuid REFERENCES agencies(id),
      active boolean NOT NULL DEFAULT true,
      absent_from date,
      absent_until date,
      backup_user_id uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE pool_memberships (
      id uuid PRIMARY KEY,
      pool_id uuid NOT NULL REFERENCES pools(id),
      user_id uuid NOT NULL REFERENCES users(id),
      starts_on date NOT NULL DEFAULT CURRENT_DATE,
      ends_on date,
      UNIQUE (pool_id, user_id, starts_on)
    );
    CREATE INDEX pool_memberships_user_idx ON pool_memberships(user_id);

    -- A person who serves several agencies is counted in each by an allocation share.
    CREATE TABLE agency_assignments (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      agency_id uuid NOT NULL REFERENCES agencies(id),
      share_pct integer NOT NULL CHECK (share_pct BETWEEN 1 AND 100),
      starts_on date NOT NULL DEFAULT CURRENT_DATE,
      ends_on date,
      UNIQUE (user_id, agency_id, starts_on)
    );
    CREATE INDEX agency_assignments_user_idx ON agency_assignments(user_id);

    -- Units a manager or director manages: the nation (unit_id NULL), a region, an agency or a pool.
    CREATE TABLE managed_units (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      unit_type text NOT NULL CHECK (unit_type IN ('nation','region','agency','pool')),
      unit_id uuid,
      CHECK ((unit_type = 'nation') = (unit_id IS NULL))
    );
    CREATE INDEX managed_units_user_idx ON managed_units(user_id);

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions(user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      siren text,
      siret text,
      segment text NOT NULL CHECK (segment IN ('mass','intermediate','key')),
      sector text,
      size_band text,
      revenue_cents bigint,
      address_line text,
      postal_code text,
      city text,
      country text NOT NULL DEFAULT 'FR',
      phones text[] NOT NULL DEFAULT '{}',
      emails text[] NOT NULL DEFAULT '{}',
      phone_search text NOT NULL DEFAULT '',
      owner_id uuid REFERENCES users(id),
      agency_id uuid NOT NULL REFERENCES agencies(id),
      region_id uuid NOT NULL REFERENCES regions(id),
      parent_id uuid REFERENCES accounts(id),
      status text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect','customer','former')),
      completeness integer NOT NULL DEFAULT 0,
      custom_fields jsonb NOT NULL DEFAULT '{}',
      field_provenance jsonb NOT NULL DEFAULT '{}',
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX accounts_name_trgm ON accounts USING gin (lower(name) gin_trgm_ops);
    CREATE INDEX accounts_phone_trgm ON accounts USING gin (phone_search gin_trgm_ops);
    CREATE INDEX accounts_phones_idx ON accounts USING gin (phones);
    CREATE INDEX accounts_emails_idx ON accounts USING gin (emails);
    CREATE INDEX accounts_siren_idx ON accounts(siren);
    CREATE INDEX accounts_siret_idx ON accounts(siret);
    CREATE INDEX accounts_owner_idx ON accounts(owner_id);
    CREATE INDEX accounts_agency_idx ON accounts(agency_id);
    CREATE INDEX accounts_region_idx ON accounts(region_id);

    CREATE TABLE contacts (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id),
      first_name text NOT NULL DEFAULT '',
      last_name text NOT NULL,
      job_title text,
      phones text[] NOT NULL DEFAULT '{}',
      emails text[] NOT NULL DEFAULT '{}',
      phone_search text NOT NULL DEFAULT '',
      decision_maker boolean NOT NULL DEFAULT false,
      consent_call boolean NOT NULL DEFAULT true,
      consent_mail boolean NOT NULL DEFAULT true,
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contacts_account_idx ON contacts(account_id);
    CREATE INDEX contacts_name_trgm ON contacts USING gin (lower(last_name || ' ' || first_name) gin_trgm_ops);
    CREATE INDEX contacts_phone_trgm ON contacts USING gin (phone_search gin_trgm_ops);
    CREATE INDEX contacts_phones_idx ON contacts USING gin (phones);
    CREATE INDEX contacts_emails_idx ON contacts USING gin (emails);

    -- Interactions are never edited: a correction is a new row pointing at the one it amends.
    CREATE TABLE interactions (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id),
      contact_id uuid REFERENCES contacts(id),
      channel text NOT NULL CHECK (channel IN ('phone_in','phone_out','email_in','email_out','visit','web','mail','chat','hotline')),
      actor_id uuid NOT NULL REFERENCES users(id),
      subject text NOT NULL,
      notes text NOT NULL DEFAULT '',
      outcome text,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      amends_id uuid REFERENCES interactions(id)
    );
    CREATE INDEX interactions_account_time_idx ON interactions(account_id, occurred_at DESC, id DESC);
    CREATE INDEX interactions_actor_idx ON interactions(actor_id, recorded_at);
    CREATE INDEX interactions_amends_idx ON interactions(amends_id) WHERE amends_id IS NOT NULL;
  `);

  // The trace: per-stream hash chains. trace_heads is the lockable head of each chain, so
  // writers on different streams never wait for each other; checkpoints chain the heads.
  await run(db, `
    CREATE TABLE trace_events (
      stream text NOT NULL,
      seq integer NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      actor_id uuid,
      action text NOT NULL,
      recorded_at timestamptz NOT NULL,
      payload jsonb NOT NULL,
      payload_hash text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (stream, seq)
    );
    CREATE UNIQUE INDEX trace_events_id_idx ON trace_events(id);
    CREATE INDEX trace_events_actor_idx ON trace_events(actor_id, recorded_at);

    CREATE TABLE trace_heads (
      stream text PRIMARY KEY,
      seq integer NOT NULL,
      hash text NOT NULL,
      checkpointed_seq integer NOT NULL DEFAULT 0
    );

    CREATE TABLE trace_checkpoints (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      heads jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );

    CREATE FUNCTION trace_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the trace is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER trace_events_append_only BEFORE UPDATE OR DELETE ON trace_events
      FOR EACH ROW EXECUTE FUNCTION trace_is_append_only();
    CREATE TRIGGER trace_events_no_truncate BEFORE TRUNCATE ON trace_events
      FOR EACH STATEMENT EXECUTE FUNCTION trace_is_append_only();
    CREATE TRIGGER trace_checkpoints_append_only BEFORE UPDATE OR DELETE ON trace_checkpoints
      FOR EACH ROW EXECUTE FUNCTION trace_is_append_only();
    CREATE TRIGGER trace_checkpoints_no_truncate BEFORE TRUNCATE ON trace_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION trace_is_append_only();
  `);
}

