package dev.tollgate.auth.admin.clients;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AdminClientsOnPostgresTest extends AdminClientsTest {
}
