package dev.tollgate.demo;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SignInOnPostgresTest extends SignInTest {
}
