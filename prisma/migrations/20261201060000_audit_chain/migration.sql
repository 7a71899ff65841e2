-- A tamper-evident audit trail. A superuser can turn the append-only triggers off and rewrite
-- rows, so each committed row also carries a SHA-256 over its content and the previous row's
-- hash: a rewritten, deleted or reordered row breaks the chain, and `npm run audit:verify` (and
-- the administrators' page) recomputes it independently in TypeScript (lib/data/audit-chain.ts).
-- Decision record: docs/decisions/0004-least-privilege-role-and-audit-chain.md.

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "chain_seq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_chain_seq_key" ON "audit_events"("chain_seq");

-- ---- Written by hand -----------------------------------------------------------------------

-- One field of the canonical encoding: `N;` for NULL, otherwise `S<length in UTF-8 bytes>:<text>;`,
-- so no value can be mistaken for a neighbour whatever characters it holds.
CREATE FUNCTION audit_chain_field(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN 'N;' ELSE 'S' || octet_length(convert_to(v, 'UTF8')) || ':' || v || ';' END
$$;

-- The row's hash: SHA-256 (lower-case hex) over the UTF-8 bytes of `ecr-audit-chain-v1;` and then
-- these fields in this order, each as text: chain_seq, prev_hash, id, at (UTC, ISO 8601 with
-- milliseconds and Z; the column holds UTC as Prisma writes it), actor_id, actor_email, action,
-- entity_type, entity_id, organisation_id, summary, before, after (jsonb in PostgreSQL's own
-- normalised text form: keys sorted, duplicates removed). Integers in decimal.
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    'ecr-audit-chain-v1;'
    || audit_chain_field(e.chain_seq::text)
    || audit_chain_field(e.prev_hash)
    || audit_chain_field(e.id::text)
    || audit_chain_field(to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    || audit_chain_field(e.actor_id::text)
    || audit_chain_field(e.actor_email)
    || audit_chain_field(e.action)
    || audit_chain_field(e.entity_type)
    || audit_chain_field(e.entity_id)
    || audit_chain_field(e.organisation_id::text)
    || audit_chain_field(e.summary)
    || audit_chain_field(e.before::text)
    || audit_chain_field(e.after::text),
    'UTF8')), 'hex')
$$;

-- Still append-only, with one exception: sealing a row its own transaction wrote (below), which
-- fills in its place in the chain and its id and changes nothing else.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND to_jsonb(OLD) - ARRAY['id', 'chain_seq', 'prev_hash', 'hash'] = to_jsonb(NEW) - ARRAY['id', 'chain_seq', 'prev_hash', 'hash']
     AND NEW.hash = audit_event_hash(NEW) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Sealing happens as the writing transaction commits (a deferred trigger), not as it inserts:
-- the lock that puts writers in order is then held for microseconds at commit, not for the rest
-- of a transaction that may re-evaluate thousands of devices after writing its audit event, and
-- no transaction holds it while waiting for a row another one holds. Under the lock the row gets
-- the next position, the head's hash, and a fresh id, so ids run in chain order even when
-- transactions commit in a different order from the one they started in. Every writer passes
-- here, whatever it connects as: the function runs as the table's owner, so the app's role needs
-- only INSERT. Audit writers must use READ COMMITTED (the default): a transaction with an older
-- snapshot would not see the head and fails on the unique position instead of forking the chain.
CREATE FUNCTION audit_events_seal() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  sealed audit_events;
BEGIN
  -- 4242002: the audit chain (4242001 is the import).
  PERFORM pg_advisory_xact_lock(4242002);
  SELECT chain_seq, hash INTO head_seq, head_hash
    FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
  sealed := NEW;
  sealed.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  sealed.chain_seq := COALESCE(head_seq, 0) + 1;
  sealed.prev_hash := COALESCE(head_hash, repeat('0', 64));
  sealed.hash := audit_event_hash(sealed);
  UPDATE audit_events
     SET id = sealed.id, chain_seq = sealed.chain_seq, prev_hash = sealed.prev_hash, hash = sealed.hash
   WHERE id = NEW.id;
  RETURN NULL;
END;
$$;

-- A row's place in the chain is the database's to give: whatever a writer sends is dropped.
CREATE FUNCTION audit_events_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_events_unsealed
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_unsealed();

CREATE CONSTRAINT TRIGGER audit_events_chain
  AFTER INSERT ON "audit_events"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_events_seal();

-- The rows already there join the chain in id order.
DO $$
DECLARE
  r audit_events;
  n bigint := 0;
  previous text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    r.chain_seq := n;
    r.prev_hash := previous;
    r.hash := audit_event_hash(r);
    UPDATE audit_events SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    previous := r.hash;
  END LOOP;
END;
$$;
