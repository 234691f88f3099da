package dev.tollgate.auth.authorization;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class TokensAtRestOnPostgresTest extends TokensAtRestTest {
}
