-- Wake the outbox relay when outbox rows commit: one NOTIFY per inserting statement, delivered
-- at commit (never for a rolled-back transaction), whoever wrote the rows — append_to_outbox,
-- a repository's single-statement CTE, or an operator's hand-written INSERT.
-- The payload is the schema, so one relay per service ignores the others' rows.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('unionhub_outbox', TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
