package dev.tollgate.auth.token;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class SingleUseUnderConcurrencyOnPostgresTest extends SingleUseUnderConcurrencyTest {
}
