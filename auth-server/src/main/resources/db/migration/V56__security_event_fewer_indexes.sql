-- Every index of security_event is written with each event, and token issuance makes most of them: on the
-- embedded database the inserts run on the server's own CPU, so each index costs the token path (bench/NOTES.md,
-- "Issue 18"). "Newest first" is now the order the events were written (the identity column), which the primary
-- key serves; only the two lookups that would otherwise read the whole table keep an index of their own.
-- Filters by type or time read the newest rows first and stop when the page is full.
DROP INDEX ix_security_event_time;
DROP INDEX ix_security_event_type_time;
DROP INDEX ix_security_event_user_time;
DROP INDEX ix_security_event_client_time;
CREATE INDEX ix_security_event_user ON security_event (user_id, id);
CREATE INDEX ix_security_event_client ON security_event (client_id, id);
