package dev.tollgate.auth.client;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class PrivateKeyJwtClientAuthenticationOnPostgresTest extends PrivateKeyJwtClientAuthenticationTest {
}
