package dev.tollgate.auth.par;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorization.AuthorizationChangedConcurrently;

/**
 * Pushed authorization requests (RFC 9126) as the authorization store keeps them: one authorization per push, found
 * by the random part of its {@code request_uri}, which the store keeps only as a digest (its {@code state}). A
 * {@code request_uri} is valid for {@link #LIFETIME}, only for the client that pushed it, and brings one code: it is
 * spent when the code it leads to is sent, so a browser that is sent to sign in first comes back with it still valid
 * (RFC 9126 section 4 lets a server allow that), and of two requests racing with it only one gets a code.
 */
@Component
public class PushedRequests {

    /** How long a {@code request_uri} is valid, {@code expires_in} of the push response. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /**
     * The authorization request parameter that marks a request read from a pushed one, naming the authorization it
     * was pushed as. Only the authorization endpoint sets it (a client's own value is dropped there).
     */
    public static final String PUSHED_REQUEST = "tollgate_pushed_request";

    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    static final String EXPIRES_AT = "tollgate.pushed_request.expires_at";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    // RFC 9101 section 6.2 (request_uri is defined there; RFC 9126 section 4 builds on it)
    private static final String INVALID_REQUEST_URI = "invalid_request_uri";

    private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc9126#section-4";

    private final OAuth2AuthorizationService authorizations;

    private final Clock clock;

    public PushedRequests(OAuth2AuthorizationService authorizations, Clock clock) {
        this.authorizations = authorizations;
        this.clock = clock;
    }

    /** A pushed request: the authorization it is stored as, and what the client pushed. */
    public record Pushed(String id, OAuth2AuthorizationRequest request) {
    }

    /**
     * The request pushed as {@code requestUri} by {@code clientId}.
     *
     * @throws OAuth2AuthorizationCodeRequestAuthenticationException {@code invalid_request_uri} (shown on the error
     *         page, not sent to a redirect URI) when it is unknown, spent, expired or another client's
     */
    public Pushed find(String requestUri, String clientId) {
        if (requestUri == null || !requestUri.startsWith(REQUEST_URI_PREFIX)) {
            throw refusal("request_uri: not one this server issued at its pushed authorization request endpoint");
        }
        OAuth2Authorization pushed = authorizations.findByToken(requestUri.substring(REQUEST_URI_PREFIX.length()),
                STATE);
        if (pushed == null || !(pushed.getAttribute(EXPIRES_AT) instanceof String expiresAt)) {
            throw refusal("request_uri: unknown, or already used");
        }
        OAuth2AuthorizationRequest request = pushed.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (request == null || !request.getClientId().equals(clientId)) {
            throw refusal("request_uri: pushed by another client than client_id");
        }
        if (clock.instant().isAfter(Instant.parse(expiresAt))) {
            throw refusal("request_uri: expired");
        }
        return new Pushed(pushed.getId(), request);
    }

    /**
     * Spends the pushed request that the code's authorization request came from, if any, just before the code is
     * sent. When another request spent it first, the code is withdrawn and false returned: it must not be sent.
     */
    public boolean spend(OAuth2AuthorizationCode code) {
        OAuth2Authorization grant = authorizations.findByToken(code.getTokenValue(),
                new OAuth2TokenType(OAuth2ParameterNames.CODE));
        OAuth2AuthorizationRequest request = grant == null ? null
                : grant.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (request == null || !(request.getAdditionalParameters().get(PUSHED_REQUEST) instanceof String pushedId)) {
            return true;
        }
        OAuth2Authorization pushed = authorizations.findById(pushedId);
        try {
            if (pushed != null) {
                authorizations.remove(pushed);
                return true;
            }
        }
        catch (AuthorizationChangedConcurrently spentMeanwhile) {
            // another request with the same request_uri got its code
        }
        authorizations.remove(grant);
        return false;
    }

    /** The refusal of a request_uri that was spent while this request was under way. */
    public static OAuth2AuthorizationCodeRequestAuthenticationException alreadyUsed() {
        return refusal("request_uri: already used");
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException refusal(String description) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(INVALID_REQUEST_URI, description, ERROR_URI), null);
    }

    Instant expiryOfOnePushedNow() {
        return clock.instant().plus(LIFETIME);
    }
}
