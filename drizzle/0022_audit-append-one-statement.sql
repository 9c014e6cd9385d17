-- The audit chain's append in ONE statement (platform/audit/record-audit.ts): the chain's advisory
-- lock (classid 0x4C444155 'LDAU', objid 1), the read of its head, the chaining and the INSERT. Before,
-- audit_chain_head() (0014, 0015) took the lock and read the head, and a second statement inserted
-- rows chained in JS: one round trip more on every audited change, made while holding the lock that
-- serialises every writer of the application (npm run bench:complaints).
--
-- The hash is the same as before, so the chain checker (JS) verifies old and new rows alike:
-- hash = sha256(prev_hash || body) in hex, where body is the event's canonical JSON, built by the
-- caller (audit-hash.ts auditEventBody), and prev_hash the predecessor's 64-character hex hash.
-- sha256() and convert_to() are PostgreSQL core functions (PGlite included).
--
-- A VOLATILE function takes a fresh snapshot for each statement it runs, so under READ COMMITTED the
-- head is read after the lock was granted and is the true predecessor. EXECUTE plans the one-row read
-- afresh on every call (why: 0015). Called outside an explicit transaction, the whole append is still
-- atomic (one statement); record-audit.ts refuses that case anyway, because the audited change and its
-- event must commit together.
CREATE OR REPLACE FUNCTION audit_append(
  ids uuid[], occurred_ats text[], actor_ids text[], actor_kinds text[], actor_roles text[], actions text[],
  entity_types text[], entity_ids text[], befores text[], afters text[], diffs text[], reasons text[],
  request_ids text[], bodies text[]
) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n integer := coalesce(cardinality(ids), 0);
  head_seq bigint;
  head_hash text;
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  IF n = 0 THEN RETURN 0; END IF;
  IF cardinality(bodies) <> n THEN RAISE EXCEPTION 'audit_append: % events but % bodies', n, cardinality(bodies); END IF;
  PERFORM pg_advisory_xact_lock(1279541589, 1);
  EXECUTE 'SELECT e.seq, e.hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1' INTO head_seq, head_hash;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, repeat('0', 64));
  FOR i IN 1..n LOOP
    seqs[i] := head_seq + i;
    prevs[i] := head_hash;
    head_hash := encode(sha256(convert_to(head_hash || bodies[i], 'UTF8')), 'hex');
    hashes[i] := head_hash;
  END LOOP;
  INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id,
                            before, after, diff, reason, request_id, prev_hash, hash)
  SELECT u.seq, u.id, u.occurred_at::timestamptz, u.actor_id, u.actor_kind, u.actor_role, u.action, u.entity_type, u.entity_id,
         u.before::jsonb, u.after::jsonb, u.diff::jsonb, u.reason, u.request_id, u.prev_hash, u.hash
    FROM unnest(seqs, ids, occurred_ats, actor_ids, actor_kinds, actor_roles, actions, entity_types, entity_ids,
                befores, afters, diffs, reasons, request_ids, prevs, hashes)
      AS u(seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id, before, after, diff, reason, request_id, prev_hash, hash)
   ORDER BY u.seq;
  RETURN n;
END
$$;
--> statement-breakpoint
-- Replaced by audit_append(); nothing else calls it.
DROP FUNCTION IF EXISTS audit_chain_head();
