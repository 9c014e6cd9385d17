-- audit_chain_head() (0014) with its head read planned on every call. PL/pgSQL caches a static
-- query's plan for the life of the connection; planned while audit_events was still small (or
-- analysed empty), it stayed a sequential scan and sort as the table grew, until the next ANALYZE of
-- the table. Measured (bench:complaints, autovacuum off): 1.9 ms per append at 4,000 rows, growing
-- with the table, and all of it while holding the lock that serialises every writer. EXECUTE plans
-- the one-row read afresh (tens of microseconds), so it is always the backward scan of the primary key.
CREATE OR REPLACE FUNCTION audit_chain_head(OUT seq bigint, OUT hash text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1279541589, 1);
  EXECUTE 'SELECT e.seq, e.hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1' INTO seq, hash;
END
$$;
