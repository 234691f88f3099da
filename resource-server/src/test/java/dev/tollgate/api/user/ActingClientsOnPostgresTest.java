package dev.tollgate.api.user;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ActingClientsOnPostgresTest extends ActingClientsTest {
}
