package dev.tollgate.auth.authorize;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The OpenID Connect request parameters that decide whether the user must be asked something (OIDC Core 3.1.2.1):
 * {@code prompt} and {@code max_age}. They count only in OpenID Connect requests (scope {@code openid}).
 */
final class OidcRequestParameters {

    static final String PROMPT = "prompt";

    static final String MAX_AGE = "max_age";

    static final String LOGIN_HINT = "login_hint";

    static final String NONE = "none";

    static final String LOGIN = "login";

    static final String CONSENT = "consent";

    static final String LOGIN_REQUIRED = "login_required";

    private OidcRequestParameters() {
    }

    static boolean isOidc(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return request.getScopes().contains(OidcScopes.OPENID);
    }

    /** The values of {@code prompt} of an OpenID Connect request; none for a plain OAuth request. */
    static Set<String> prompts(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return isOidc(request) && request.getAdditionalParameters().get(PROMPT) instanceof String prompt
                ? Arrays.stream(prompt.split(" ")).filter(value -> !value.isBlank()).collect(Collectors.toSet())
                : Set.of();
    }

    /** {@code max_age} of an OpenID Connect request; a value that is not a whole number of seconds is invalid_request. */
    static Optional<Duration> maxAge(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        if (!isOidc(request) || !(request.getAdditionalParameters().get(MAX_AGE) instanceof String maxAge)) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(maxAge.trim());
            if (seconds >= 0) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        }
        catch (NumberFormatException notANumber) {
            // answered below
        }
        throw error(OAuth2ErrorCodes.INVALID_REQUEST, "OpenID Connect 1.0 Authentication Request Parameter: max_age",
                request);
    }

    static boolean mentionsAny(Map<String, Object> parameters) {
        return parameters.containsKey(PROMPT) || parameters.containsKey(MAX_AGE)
                || parameters.containsKey("request_uri");
    }

    /** An error answered to the client's (already validated) redirect URI, with state and iss. */
    static OAuth2AuthorizationCodeRequestAuthenticationException error(String code, String description,
            OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description,
                "https://openid.net/specs/openid-connect-core-1_0.html#AuthError"), request);
    }
}
