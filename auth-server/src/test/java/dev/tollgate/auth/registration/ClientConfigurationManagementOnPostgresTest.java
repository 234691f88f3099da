package dev.tollgate.auth.registration;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ClientConfigurationManagementOnPostgresTest extends ClientConfigurationManagementTest {
}
