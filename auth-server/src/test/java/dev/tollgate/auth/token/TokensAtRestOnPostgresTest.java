package dev.tollgate.auth.token;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class TokensAtRestOnPostgresTest extends TokensAtRestTest {
}
