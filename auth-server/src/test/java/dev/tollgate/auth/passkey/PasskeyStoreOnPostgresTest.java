package dev.tollgate.auth.passkey;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class PasskeyStoreOnPostgresTest extends PasskeyStoreTest {
}
