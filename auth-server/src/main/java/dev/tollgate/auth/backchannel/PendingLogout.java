package dev.tollgate.auth.backchannel;

/** A claimed row of {@code backchannel_logout_outbox}: one logout token for one client. */
record PendingLogout(long id, String clientId, String logoutUri, String subject, String sid, int attempts,
        String leaseToken) {
}
