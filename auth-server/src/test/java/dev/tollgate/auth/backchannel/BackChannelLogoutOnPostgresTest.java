package dev.tollgate.auth.backchannel;

import dev.tollgate.testsupport.OnPostgres;

/** The same on PostgreSQL: the outbox's claims keep two senders from sending one logout token twice. */
@OnPostgres
class BackChannelLogoutOnPostgresTest extends BackChannelLogoutTest {
}
