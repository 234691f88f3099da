package dev.tollgate.api.signals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified SET: its {@code jti}, its {@code iat}, whom it is about and its events (type → members).
 *
 * @param subject the subject of {@code sub_id} (SSF 1.0 §3), or of the event's own {@code subject} member
 */
record SecurityEvent(String jti, Instant issuedAt, Subject subject, Map<String, Map<String, Object>> events) {

    static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    static final String TOKEN_CLAIMS_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/token-claims-change";
    static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    static final String ACCOUNT_DISABLED = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";
    static final String ACCOUNT_PURGED = "https://schemas.openid.net/secevent/risc/event-type/account-purged";
    static final String GRANT_REVOKED = "https://tollgate.dev/secevent/grant-revoked";
    static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    static final String STREAM_UPDATED = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";

    /** The event types this receiver asks for: everything the auth server sends that can end a token's use. */
    static final List<String> REQUESTED = List.of(SESSION_REVOKED, TOKEN_CLAIMS_CHANGE, CREDENTIAL_CHANGE,
            ACCOUNT_DISABLED, ACCOUNT_PURGED, GRANT_REVOKED, VERIFICATION, STREAM_UPDATED);

    static SecurityEvent of(Jwt set, String issuer) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        Subject subject = Subject.of(set.getClaims().get("sub_id"), issuer);
        for (Map.Entry<?, ?> event : ((Map<?, ?>) set.getClaims().get("events")).entrySet()) {
            Map<String, Object> members = new LinkedHashMap<>();
            if (event.getValue() instanceof Map<?, ?> given) {
                given.forEach((name, value) -> members.put(String.valueOf(name), value));
            }
            if (subject.isNobody()) {
                subject = Subject.of(members.get("subject"), issuer);
            }
            events.put(String.valueOf(event.getKey()), members);
        }
        return new SecurityEvent(set.getId(), set.getIssuedAt(), subject, events);
    }

    /** When the event happened ({@code event_timestamp}, seconds), or else when the SET was issued. */
    Instant timestampOf(Map<String, Object> members) {
        return members.get("event_timestamp") instanceof Number seconds
                ? Instant.ofEpochSecond(seconds.longValue()) : issuedAt;
    }

    /**
     * Whom an event is about, in the subject formats Tollgate sends: a user ({@code iss_sub} of this issuer), one of
     * the user's sessions ({@code complex}: {@code user} and {@code session} with the {@code sid}), or a client
     * alone ({@code opaque}: its client_id). Subjects of another issuer are nobody here.
     */
    record Subject(String user, String session, String client) {

        static final Subject NOBODY = new Subject(null, null, null);

        static Subject of(Object subjectId, String issuer) {
            if (!(subjectId instanceof Map<?, ?> id)) {
                return NOBODY;
            }
            return switch (String.valueOf(id.get("format"))) {
                case "iss_sub" -> issuer.equals(id.get("iss")) && id.get("sub") instanceof String sub
                        ? new Subject(sub, null, null) : NOBODY;
                case "opaque" -> id.get("id") instanceof String client ? new Subject(null, null, client) : NOBODY;
                case "complex" -> {
                    Subject user = of(id.get("user"), issuer);
                    String session = id.get("session") instanceof Map<?, ?> s && s.get("id") instanceof String sid
                            ? sid : null;
                    yield new Subject(user.user(), session, null);
                }
                default -> NOBODY;
            };
        }

        boolean isNobody() {
            return user == null && session == null && client == null;
        }
    }
}
