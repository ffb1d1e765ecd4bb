// Leads relayed between channels: the catalog they name, routing rules as data, deal stubs, notifications.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE TABLE products (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      family text NOT NULL,
      complexity text NOT NULL CHECK (complexity IN ('basic','complex')),
      list_price_cents bigint NOT NULL CHECK (list_price_cents >= 0),
      currency text NOT NULL DEFAULT 'EUR',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Versioned rules: the newest version in effect for an agency wins, else the national default (agency_id NULL).
    CREATE TABLE routing_rules (
      id uuid PRIMARY KEY,
      agency_id uuid REFERENCES agencies(id),
      version integer NOT NULL,
      config jsonb NOT NULL,
      text text NOT NULL,
      author_id uuid REFERENCES users(id),
      effective_from timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX routing_rules_version_idx ON routing_rules (COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid), version);

    CREATE TABLE leads (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id),
      contact_id uuid REFERENCES contacts(id),
      product_id uuid NOT NULL REFERENCES products(id),
      need text NOT NULL,
      estimated_value_cents bigint,
      source text NOT NULL,
      source_campaign text,
      initiator_id uuid REFERENCES users(id),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','accepted','rejected','converted','expired')),
      assignee_id uuid REFERENCES users(id),
      agency_id uuid NOT NULL REFERENCES agencies(id),
      region_id uuid NOT NULL REFERENCES regions(id),
      routing jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      warn_at timestamptz NOT NULL,
      offered_at timestamptz,
      late_at timestamptz,
      answered_at timestamptz,
      reject_reason text,
      reject_note text,
      converted_at timestamptz,
      expires_at timestamptz,
      deal_id uuid,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX leads_account_idx ON leads(account_id, created_at DESC);
    CREATE INDEX leads_assignee_open_idx ON leads(assignee_id, due_at) WHERE status = 'new';
    CREATE INDEX leads_initiator_idx ON leads(initiator_id, created_at DESC);
    CREATE INDEX leads_agency_open_idx ON leads(agency_id, due_at) WHERE status = 'new';
    CREATE INDEX leads_warn_idx ON leads(warn_at) WHERE status = 'new' AND offered_at IS NULL;
    CREATE INDEX leads_due_idx ON leads(due_at) WHERE status = 'new' AND late_at IS NULL;
    CREATE INDEX leads_expiry_idx ON leads(expires_at) WHERE status = 'accepted';

    -- A deal stub: the deals capability grows it (lines, stages, credit).
    CREATE TABLE deals (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id),
      lead_id uuid REFERENCES leads(id),
      product_id uuid REFERENCES products(id),
      owner_id uuid NOT NULL REFERENCES users(id),
      stage text NOT NULL DEFAULT 'qualification' CHECK (stage IN ('qualification','proposal','negotiation','won','lost')),
      amount_cents bigint,
      currency text NOT NULL DEFAULT 'EUR',
      created_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX deals_account_idx ON deals(account_id);
    CREATE INDEX deals_owner_idx ON deals(owner_id);
    ALTER TABLE leads ADD CONSTRAINT leads_deal_fk FOREIGN KEY (deal_id) REFERENCES deals(id);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      lead_id uuid REFERENCES leads(id),
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications(user_id, created_at DESC);
    CREATE INDEX notifications_unread_idx ON notifications(user_id) WHERE read_at IS NULL;

    -- Prospects created by the public web form wait for someone to check they are not duplicates.
    ALTER TABLE accounts ADD COLUMN duplicate_review boolean NOT NULL DEFAULT false;
  `);
}
