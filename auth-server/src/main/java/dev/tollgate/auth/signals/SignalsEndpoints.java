package dev.tollgate.auth.signals;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Where the Shared Signals transmitter answers and who may call it: its metadata for anyone (SSF 1.0 §7.2), stream
 * management and polling for bearer access tokens (RFC 6750) of the client_credentials grant holding
 * {@value #MANAGE_SCOPE}, still active (a revoked token stops at once). The filter chain is config's
 * ({@code SharedSignalsSecurityConfig}).
 */
public final class SignalsEndpoints {

    /** The scope a receiver's client needs to manage its streams and poll them; never granted to a user's token. */
    public static final String MANAGE_SCOPE = "ssf.manage";

    /** SSF 1.0 §7.2: the transmitter's metadata. */
    public static final String CONFIGURATION_PATH = "/.well-known/ssf-configuration";

    /** Where the stream, status, verification and poll endpoints live. */
    public static final String BASE_PATH = "/ssf";

    private SignalsEndpoints() {
    }

    /**
     * Of the tokens {@code activeTokens} accepts (signed, unexpired, still active), those of a client acting for
     * itself: its {@code sub} is its {@code client_id} (the client_credentials grant).
     */
    public static JwtDecoder clientsOwnTokens(JwtDecoder activeTokens) {
        return token -> {
            Jwt jwt = activeTokens.decode(token);
            if (jwt.getSubject() == null || !jwt.getSubject().equals(jwt.getClaimAsString("client_id"))) {
                throw new BadJwtException("Streams are managed with a client's own token (client_credentials)");
            }
            return jwt;
        };
    }
}
