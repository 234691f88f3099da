package dev.tollgate.auth.admin;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AdminApiSecurityOnPostgresTest extends AdminApiSecurityTest {
}
