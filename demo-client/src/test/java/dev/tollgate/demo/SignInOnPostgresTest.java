package dev.tollgate.demo;

@OnPostgres
class SignInOnPostgresTest extends SignInTest {
}
