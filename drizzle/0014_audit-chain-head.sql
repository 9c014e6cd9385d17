-- The audit chain's append in one round trip fewer (platform/audit/record-audit.ts): the chain's
-- advisory lock (classid 0x4C444155 'LDAU', objid 1) and the read of its head, in one call. A
-- VOLATILE function takes a fresh snapshot for each statement it runs, so under READ COMMITTED the
-- head is read after the lock was granted and is the true predecessor; one plain statement doing both
-- would read with a snapshot taken before it waited for the lock. (Called outside a transaction, the
-- lock ends with the call: the append's INSERT checks that it still holds it.)
CREATE OR REPLACE FUNCTION audit_chain_head(OUT seq bigint, OUT hash text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1279541589, 1);
  SELECT e.seq, e.hash INTO seq, hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
END
$$;
