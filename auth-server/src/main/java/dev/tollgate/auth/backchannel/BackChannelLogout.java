package dev.tollgate.auth.backchannel;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;

import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.outbox.AfterCommit;

/**
 * OpenID Connect Back-Channel Logout 1.0 (README "Back-channel logout"): when a sign-in session at Tollgate ends,
 * every client that signed in through it and registered a {@code backchannel_logout_uri} gets a logout token with the
 * session's {@code sid}. {@link #sessionEnded} only queues them, in the caller's transaction, so that ending a session
 * never waits for a client and a logout is told only if it was committed; {@link LogoutDeliveries} sends them after
 * the commit.
 */
@Service
public class BackChannelLogout {

    private final TokenFamilies authorizations;

    private final RegisteredClientRepository clients;

    private final LogoutOutboxRows rows;

    private final LogoutDeliveries deliveries;

    private final Clock clock;

    BackChannelLogout(TokenFamilies authorizations, RegisteredClientRepository clients, LogoutOutboxRows rows,
            LogoutDeliveries deliveries, Clock clock) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.rows = rows;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Queues a logout token for each client authorized in the browser session with this digest (as its authorizations
     * record it) that has a back-channel logout URI; call it before the session's tokens are revoked.
     *
     * @param subject the user's id, the {@code sub} of their ID tokens
     * @param sid the session's {@code sid}, as its ID tokens carry it; empty for a sign-in that has none
     */
    public void sessionEnded(String subject, Optional<String> sid, String sessionDigest) {
        List<RegisteredClient> listening = authorizations.clientsOfSession(sessionDigest).stream()
                .map(clients::findById)
                .filter(Objects::nonNull)
                .filter(client -> TollgateClientSettings.backChannelLogoutUri(client).isPresent())
                .toList();
        for (RegisteredClient client : listening) {
            rows.insert(client.getClientId(), TollgateClientSettings.backChannelLogoutUri(client).orElseThrow(),
                    subject, sid.orElse(null), clock.instant());
        }
        if (!listening.isEmpty()) {
            AfterCommit.run(deliveries::wakeUp);
        }
    }
}
