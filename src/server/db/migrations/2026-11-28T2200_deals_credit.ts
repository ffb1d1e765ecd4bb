// Deals with lines and stages, the sales rules (eligibility, incentive, attribution, stage
// probabilities) as versioned data, the credit ledger and its disputes.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    -- One table for every versioned sales rule. subject: a product id (eligibility), a family
    -- (incentive) or 'national' (attribution, stage probabilities). No row: the built-in default.
    CREATE TABLE sales_rules (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('eligibility','incentive','attribution','stage_probability')),
      subject text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      config jsonb NOT NULL,
      text_en text NOT NULL,
      text_fr text NOT NULL,
      author_id uuid REFERENCES users(id),
      effective_from timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, subject, version)
    );
    CREATE INDEX sales_rules_in_force_idx ON sales_rules (kind, subject, effective_from DESC, version DESC);

    ALTER TABLE deals ADD COLUMN title text;
    ALTER TABLE deals ADD COLUMN created_by uuid REFERENCES users(id);
    ALTER TABLE deals ADD COLUMN agency_id uuid REFERENCES agencies(id);
    ALTER TABLE deals ADD COLUMN region_id uuid REFERENCES regions(id);
    ALTER TABLE deals ADD COLUMN probability integer CHECK (probability BETWEEN 0 AND 100);
    ALTER TABLE deals ADD COLUMN expected_close date;
    ALTER TABLE deals ADD COLUMN loss_reason text;
    ALTER TABLE deals ADD COLUMN loss_note text;
    ALTER TABLE deals ADD COLUMN stage_changed_at timestamptz;
    ALTER TABLE deals ADD COLUMN closed_at timestamptz;
    -- What the user says (or an import carries) about when the sale opened and closed; credit never reads them.
    ALTER TABLE deals ADD COLUMN opened_on date;
    ALTER TABLE deals ADD COLUMN closed_on date;

    CREATE TABLE deal_lines (
      id uuid PRIMARY KEY,
      deal_id uuid NOT NULL REFERENCES deals(id),
      position integer NOT NULL,
      product_id uuid NOT NULL REFERENCES products(id),
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
      discount_bp integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
      amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
      UNIQUE (deal_id, position)
    );
    CREATE INDEX deal_lines_product_idx ON deal_lines(product_id);

    -- The deal stubs written by lead conversion become deals with one line.
    INSERT INTO deal_lines (id, deal_id, position, product_id, quantity, unit_price_cents, amount_cents)
      SELECT d.id, d.id, 1, d.product_id, 1, COALESCE(d.amount_cents, p.list_price_cents), COALESCE(d.amount_cents, p.list_price_cents)
      FROM deals d JOIN products p ON p.id = d.product_id;
    UPDATE deals d SET
      title = p.name,
      created_by = d.owner_id,
      agency_id = a.agency_id,
      region_id = a.region_id,
      probability = 10,
      opened_on = (d.created_at AT TIME ZONE 'Europe/Paris')::date,
      stage_changed_at = d.created_at,
      amount_cents = (SELECT COALESCE(sum(l.amount_cents), 0) FROM deal_lines l WHERE l.deal_id = d.id)
      FROM accounts a, products p
      WHERE a.id = d.account_id AND p.id = d.product_id;
    ALTER TABLE deals DROP COLUMN product_id;
    ALTER TABLE deals ALTER COLUMN title SET NOT NULL;
    ALTER TABLE deals ALTER COLUMN agency_id SET NOT NULL;
    ALTER TABLE deals ALTER COLUMN region_id SET NOT NULL;
    ALTER TABLE deals ALTER COLUMN probability SET NOT NULL;
    ALTER TABLE deals ALTER COLUMN opened_on SET NOT NULL;
    ALTER TABLE deals ALTER COLUMN stage_changed_at SET NOT NULL;
    UPDATE deals SET amount_cents = 0 WHERE amount_cents IS NULL;
    ALTER TABLE deals ALTER COLUMN amount_cents SET NOT NULL;
    CREATE INDEX deals_owner_open_idx ON deals(owner_id, stage) WHERE stage NOT IN ('won','lost');
    CREATE INDEX deals_agency_stage_idx ON deals(agency_id, stage);
    CREATE INDEX deals_region_stage_idx ON deals(region_id, stage);

    -- The credit ledger. Entries are never changed: a dispute's decision adds compensating ones.
    CREATE TABLE credit_entries (
      id uuid PRIMARY KEY,
      deal_id uuid NOT NULL REFERENCES deals(id),
      line_id uuid NOT NULL REFERENCES deal_lines(id),
      account_id uuid NOT NULL REFERENCES accounts(id),
      family text NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('initiator','seller','owner_incentive','adjustment')),
      share_bp integer NOT NULL CHECK (share_bp BETWEEN -10000 AND 10000),
      amount_cents bigint NOT NULL,
      basis jsonb NOT NULL,
      dispute_id uuid,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX credit_entries_user_idx ON credit_entries(user_id, recorded_at DESC);
    CREATE INDEX credit_entries_deal_idx ON credit_entries(deal_id);
    CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the credit ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER credit_entries_append_only BEFORE UPDATE OR DELETE ON credit_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER credit_entries_no_truncate BEFORE TRUNCATE ON credit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

    CREATE SEQUENCE credit_dispute_number;
    CREATE TABLE credit_disputes (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      deal_id uuid NOT NULL REFERENCES deals(id),
      line_id uuid NOT NULL REFERENCES deal_lines(id),
      account_id uuid NOT NULL REFERENCES accounts(id),
      family text NOT NULL,
      claimant_id uuid NOT NULL REFERENCES users(id),
      counterparty_id uuid NOT NULL REFERENCES users(id),
      requested_bp integer NOT NULL CHECK (requested_bp BETWEEN 1 AND 10000),
      claim text NOT NULL,
      evidence jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('open','decided','appealed','final')),
      arbiter_id uuid NOT NULL REFERENCES users(id),
      arbiter_level text NOT NULL CHECK (arbiter_level IN ('agency','region','nation')),
      appealed_by uuid REFERENCES users(id),
      appeal_reason text,
      filed_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CHECK (claimant_id <> counterparty_id)
    );
    CREATE INDEX credit_disputes_claimant_idx ON credit_disputes(claimant_id, filed_at DESC);
    CREATE INDEX credit_disputes_counterparty_idx ON credit_disputes(counterparty_id, filed_at DESC);
    CREATE INDEX credit_disputes_arbiter_idx ON credit_disputes(arbiter_id, filed_at DESC);
    CREATE INDEX credit_disputes_deal_idx ON credit_disputes(deal_id);

    -- A ruling per round: the first decision, then at most one on appeal.
    CREATE TABLE credit_rulings (
      id uuid PRIMARY KEY,
      dispute_id uuid NOT NULL REFERENCES credit_disputes(id),
      round integer NOT NULL CHECK (round IN (1, 2)),
      arbiter_id uuid NOT NULL REFERENCES users(id),
      level text NOT NULL CHECK (level IN ('agency','region','nation')),
      awarded_bp integer NOT NULL CHECK (awarded_bp BETWEEN 0 AND 10000),
      justification text NOT NULL,
      decided_at timestamptz NOT NULL,
      UNIQUE (dispute_id, round)
    );
    ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_dispute_fk FOREIGN KEY (dispute_id) REFERENCES credit_disputes(id);

    -- Notifications about deals and disputes link to them as lead notifications link to leads.
    ALTER TABLE notifications ADD COLUMN deal_id uuid REFERENCES deals(id);
    ALTER TABLE notifications ADD COLUMN dispute_id uuid REFERENCES credit_disputes(id);
  `);
}
