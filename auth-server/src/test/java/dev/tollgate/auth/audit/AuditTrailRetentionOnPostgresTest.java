package dev.tollgate.auth.audit;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AuditTrailRetentionOnPostgresTest extends AuditTrailRetentionTest {
}
