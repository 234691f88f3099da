package dev.tollgate.auth.signals;

import java.util.List;

/** The event types of Tollgate's Security Event Tokens (SSF 1.0, CAEP 1.0, RISC 1.0; README "Shared Signals"). */
public final class SignalTypes {

    public static final String SESSION_REVOKED =
            "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    public static final String TOKEN_CLAIMS_CHANGE =
            "https://schemas.openid.net/secevent/caep/event-type/token-claims-change";

    public static final String CREDENTIAL_CHANGE =
            "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    public static final String ACCOUNT_DISABLED =
            "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

    public static final String ACCOUNT_PURGED = "https://schemas.openid.net/secevent/risc/event-type/account-purged";

    /** Tollgate's own: one grant's tokens were revoked. */
    public static final String GRANT_REVOKED = "https://tollgate.dev/secevent/grant-revoked";

    /** SSF 1.0 §8.1.4: sent when a receiver asks for it, whatever the stream requested. */
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

    /** SSF 1.0 §8.1.5: the stream's status changed. */
    public static final String STREAM_UPDATED = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";

    /** What a stream may request ({@code events_supported}); verification and stream-updated always come. */
    public static final List<String> SUPPORTED = List.of(SESSION_REVOKED, TOKEN_CLAIMS_CHANGE, CREDENTIAL_CHANGE,
            ACCOUNT_DISABLED, ACCOUNT_PURGED, GRANT_REVOKED);

    private SignalTypes() {
    }
}
