package dev.tollgate.auth.account;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AccountProfileOnPostgresTest extends AccountProfileTest {
}
