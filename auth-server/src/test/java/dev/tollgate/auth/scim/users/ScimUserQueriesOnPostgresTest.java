package dev.tollgate.auth.scim.users;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ScimUserQueriesOnPostgresTest extends ScimUserQueriesTest {
}
