package dev.tollgate.api.dpop;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class DPoPOnPostgresTest extends DPoPTest {
}
