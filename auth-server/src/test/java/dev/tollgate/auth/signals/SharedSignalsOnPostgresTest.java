package dev.tollgate.auth.signals;

import dev.tollgate.testsupport.OnPostgres;

/** The same on PostgreSQL: the outbox's claims keep two senders from pushing one SET twice. */
@OnPostgres
class SharedSignalsOnPostgresTest extends SharedSignalsTest {
}
