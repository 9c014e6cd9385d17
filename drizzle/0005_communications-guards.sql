-- Communications records the product promises never to lose or rewrite (src/modules/communications).
-- 1. The contact log is kept at least five years (《互联网金融逾期债务催收自律公约（试行）》 arts. 20–21):
--    there is no deletion path, and this trigger makes a DELETE or TRUNCATE fail loudly. Updates stay
--    allowed (a provider's delivery report turns 'attempted' into 'delivered' / 'failed'). A future
--    retention job for rows past their period would drop this trigger in its own reviewed migration.
CREATE OR REPLACE FUNCTION contact_attempts_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'contact_attempts is kept for at least 5 years: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Contact records are never deleted (retention: 公约 arts. 20-21).';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contact_attempts_no_delete
  BEFORE DELETE ON contact_attempts
  FOR EACH ROW EXECUTE FUNCTION contact_attempts_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER contact_attempts_no_truncate
  BEFORE TRUNCATE ON contact_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION contact_attempts_refuse_delete();
--> statement-breakpoint
-- 2. A template version's wording is written once: a change is a new version, so every sent message
--    can be traced to the exact text that was approved. Only the status and its stamps may change.
CREATE OR REPLACE FUNCTION template_versions_refuse_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'template versions are never deleted; retire the version instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.template_id IS DISTINCT FROM OLD.template_id OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.variables IS DISTINCT FROM OLD.variables
     OR NEW.subject_zh IS DISTINCT FROM OLD.subject_zh OR NEW.body_zh IS DISTINCT FROM OLD.body_zh
     OR NEW.subject_en IS DISTINCT FROM OLD.subject_en OR NEW.body_en IS DISTINCT FROM OLD.body_en
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a template version''s wording cannot change; write a new version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER template_versions_immutable_wording
  BEFORE UPDATE OR DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION template_versions_refuse_rewrite();
