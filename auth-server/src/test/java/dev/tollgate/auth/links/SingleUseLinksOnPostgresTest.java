package dev.tollgate.auth.links;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SingleUseLinksOnPostgresTest extends SingleUseLinksTest {
}
