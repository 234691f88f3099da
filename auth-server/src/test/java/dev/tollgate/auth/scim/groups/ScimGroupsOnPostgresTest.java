package dev.tollgate.auth.scim.groups;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ScimGroupsOnPostgresTest extends ScimGroupsTest {
}
