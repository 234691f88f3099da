package dev.tollgate.auth.console;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AdminConsoleClientsOnPostgresTest extends AdminConsoleClientsTest {
}
