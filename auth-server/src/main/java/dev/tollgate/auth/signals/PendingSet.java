package dev.tollgate.auth.signals;

/** A claimed row of {@code ssf_set_outbox} with what its push needs from the stream. */
record PendingSet(long id, String streamId, String clientId, String jti, String eventType, String securityEvent,
        String endpointUrl, String authorizationHeader, int attempts, String leaseToken) {
}
