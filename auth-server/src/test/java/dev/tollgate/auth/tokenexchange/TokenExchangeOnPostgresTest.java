package dev.tollgate.auth.tokenexchange;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class TokenExchangeOnPostgresTest extends TokenExchangeTest {
}
