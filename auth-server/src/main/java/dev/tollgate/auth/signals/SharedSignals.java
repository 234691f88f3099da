package dev.tollgate.auth.signals;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.outbox.AfterCommit;
import dev.tollgate.auth.signals.SecurityEventTokens.Signal;

/**
 * What the rest of the server tells resource servers (OpenID Shared Signals Framework 1.0 with CAEP 1.0 and RISC 1.0,
 * README "Shared Signals"): each method queues one signed Security Event Token per stream that requested its event
 * type and is enabled or paused, in the caller's transaction, so that nothing is told of a change that rolled back
 * and the request never waits for a receiver; {@link PushDeliveries} pushes them after the commit, and a poll
 * (RFC 8936) fetches them. Every SET one transaction queues carries the same {@code txn} (RFC 8417 §2.2).
 */
@Service
public class SharedSignals {

    /** SSF 1.0 §3 {@code sub_id} of a user's session, CAEP's session subject. */
    private static final String COMPLEX = "complex";

    private final Streams streams;

    private final SetOutbox outbox;

    private final SecurityEventTokens tokens;

    private final PushDeliveries deliveries;

    private final Clock clock;

    SharedSignals(Streams streams, SetOutbox outbox, SecurityEventTokens tokens, PushDeliveries deliveries,
            Clock clock) {
        this.streams = streams;
        this.outbox = outbox;
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** The credential a CAEP {@code credential-change} names ({@code credential_type}). */
    public enum Credential {
        PASSWORD("password"), PASSKEY("fido2-roaming"), AUTHENTICATOR_APP("app");

        private final String type;

        Credential(String type) {
            this.type = type;
        }
    }

    /** CAEP {@code change_type}. */
    public enum Change {
        CREATE, REVOKE, UPDATE, DELETE
    }

    /**
     * One sign-in session of the user ended (sign-out, RP-initiated logout, an administrator or the user ending it).
     *
     * @param sid the {@code sid} its ID tokens and JWT access tokens carry; empty for a session without one, told
     *        as the user's
     */
    public void sessionRevoked(String userId, Optional<String> sid) {
        Map<String, Object> subject = sid.<Map<String, Object>>map(id -> ordered(
                        "format", COMPLEX, "user", user(userId), "session", ordered("format", "opaque", "id", id)))
                .orElseGet(() -> user(userId));
        queue(SignalTypes.SESSION_REVOKED, subject, Map.of());
    }

    /** Every session of the user ended at once: one event for the user. */
    public void allSessionsRevoked(String userId) {
        queue(SignalTypes.SESSION_REVOKED, user(userId), Map.of());
    }

    /** CAEP {@code token-claims-change}: the user's roles are now these. */
    public void rolesChanged(String userId, Collection<String> roles) {
        queue(SignalTypes.TOKEN_CLAIMS_CHANGE, user(userId),
                Map.of("claims", Map.of("roles", List.copyOf(new TreeSet<>(roles)))));
    }

    /** CAEP {@code credential-change}: a password changed or was reset, a second factor added or removed. */
    public void credentialChanged(String userId, Credential credential, Change change) {
        queue(SignalTypes.CREDENTIAL_CHANGE, user(userId), ordered("credential_type", credential.type,
                "change_type", change.name().toLowerCase(Locale.ROOT)));
    }

    /** RISC {@code account-disabled}, by an administrator. */
    public void accountDisabled(String userId) {
        queue(SignalTypes.ACCOUNT_DISABLED, user(userId), Map.of("reason", "admin"));
    }

    /** RISC {@code account-purged}: the account was deleted. */
    public void accountPurged(String userId) {
        queue(SignalTypes.ACCOUNT_PURGED, user(userId), Map.of());
    }

    /**
     * Tollgate's {@code grant-revoked}: one grant's tokens were revoked.
     *
     * @param grantId the authorization's id, the {@code grant_id} of its JWT access tokens; empty when the grant
     *        itself lives on and only the tokens {@code accessTokenIds} names were revoked
     * @param userId the user who granted it; empty for a client_credentials grant (told as the client's)
     * @param accessTokenIds the {@code jti}s of its access tokens still known
     */
    public void grantRevoked(Optional<String> grantId, String clientId, Optional<String> userId,
            List<String> accessTokenIds, String reason) {
        Map<String, Object> subject = userId.map(SharedSignals.this::user)
                .orElseGet(() -> ordered("format", "opaque", "id", clientId));
        Map<String, Object> members = ordered("reason", reason, "client_id", clientId);
        grantId.ifPresent(id -> members.put("grant_id", id));
        members.put("jtis", List.copyOf(accessTokenIds));
        queue(SignalTypes.GRANT_REVOKED, subject, members);
    }

    /**
     * The client was deleted: its client_credentials JWTs, which are not stored, stop being accepted, so resource
     * servers hear of them as one {@code grant-revoked} for the client (its user grants are told one by one by the
     * revocation itself). Its own streams go with it.
     */
    public void clientDeleted(String clientId) {
        queue(SignalTypes.GRANT_REVOKED, ordered("format", "opaque", "id", clientId),
                ordered("reason", RevocationCause.CLIENT_DELETED.reason(), "client_id", clientId, "jtis", List.of()));
        streams.deleteAllOf(clientId);
    }

    /** SSF 1.0 §8.1.4: a verification event for this stream only, whatever it requested. */
    public void verify(Stream stream, Optional<String> state) {
        Map<String, Object> members = new LinkedHashMap<>();
        state.ifPresent(value -> members.put("state", value));
        queueFor(List.of(stream), SignalTypes.VERIFICATION, streamSubject(stream), members);
    }

    /** SSF 1.0 §8.1.5: the stream's status changed; held while it is paused, like any other event. */
    public void streamUpdated(Stream stream) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("status", stream.status());
        if (stream.statusReason() != null) {
            members.put("reason", stream.statusReason());
        }
        queueFor(List.of(stream), SignalTypes.STREAM_UPDATED, streamSubject(stream), members);
    }

    private void queue(String eventType, Map<String, Object> subject, Map<String, Object> members) {
        queueFor(streams.queueing().stream().filter(stream -> stream.queues(eventType)).toList(), eventType,
                subject, members);
    }

    private void queueFor(List<Stream> listening, String eventType, Map<String, Object> subject,
            Map<String, Object> members) {
        if (listening.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> event = new LinkedHashMap<>(members);
        event.put("event_timestamp", now.getEpochSecond());
        Signal signal = new Signal(eventType, subject, event);
        String txn = transactionId();
        for (Stream stream : listening) {
            String jti = UUID.randomUUID().toString();
            outbox.insert(stream.id(), jti, eventType, tokens.sign(stream.clientId(), jti, txn, now, signal), now);
        }
        AfterCommit.run(deliveries::wakeUp);
    }

    private Map<String, Object> user(String userId) {
        return ordered("format", "iss_sub", "iss", tokens.issuer(), "sub", userId);
    }

    private static Map<String, Object> streamSubject(Stream stream) {
        return ordered("format", "opaque", "id", stream.id());
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** One {@code txn} for every SET of the caller's transaction; a fresh one without a transaction. */
    private static String transactionId() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return UUID.randomUUID().toString();
        }
        Object bound = TransactionSynchronizationManager.getResource(TransactionId.KEY);
        if (bound instanceof String txn) {
            return txn;
        }
        String txn = UUID.randomUUID().toString();
        TransactionSynchronizationManager.bindResource(TransactionId.KEY, txn);
        TransactionSynchronizationManager.registerSynchronization(new TransactionId());
        return txn;
    }

    /** Unbinds the transaction's {@code txn} when it ends. */
    private static final class TransactionId implements TransactionSynchronization {

        static final Object KEY = new Object();

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
    }
}
