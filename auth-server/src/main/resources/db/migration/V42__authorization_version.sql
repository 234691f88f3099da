-- Every change of an authorization is conditional on the row version it was read at (compare-and-set): a request
-- that read a grant, and then finds it changed by a concurrent one (a parallel redemption of the same code, a
-- sign-out, a revocation), writes nothing instead of writing back the copy it read.
ALTER TABLE token_authorization ADD COLUMN version bigint DEFAULT 0 NOT NULL;
