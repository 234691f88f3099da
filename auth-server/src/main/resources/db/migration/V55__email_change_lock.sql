-- An email address belongs to one user in any case (useradmin.UniqueUserNames), which is checked before a change,
-- not by a constraint: users that upstream sign-ins created may share an unverified address. The account page's
-- change of an address takes this row's lock (SELECT ... FOR UPDATE) for the transaction that checks the address
-- and stores it, so that two users claiming one address at the same moment cannot both pass the check.
INSERT INTO startup_lock (name) VALUES ('user-email');
