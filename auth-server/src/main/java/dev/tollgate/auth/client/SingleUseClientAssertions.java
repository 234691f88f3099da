package dev.tollgate.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * A client assertion ({@code private_key_jwt}, RFC 7523) authenticates once and lives a few minutes. Spring
 * Authorization Server checks its signature, issuer, subject, audience and expiry, but would accept the same
 * assertion again until it expires: whoever saw it on the way (a proxy log, a leaked request) could act as the
 * client. Here an assertion must carry {@code jti} and {@code exp}, may not live longer than
 * {@value #MAX_LIFETIME_MINUTES} minutes, and its {@code jti} is remembered until it expires; a second use, in
 * parallel or later, on any instance, is {@code invalid_client}.
 */
public final class SingleUseClientAssertions implements AuthenticationProvider {

    static final int MAX_LIFETIME_MINUTES = 5;

    private static final Duration MAX_LIFETIME = Duration.ofMinutes(MAX_LIFETIME_MINUTES);

    // Spring's JwtTimestampValidator, which checks exp for the delegate, accepts an assertion this long after exp
    private static final Duration ACCEPTED_CLOCK_SKEW = Duration.ofSeconds(60);

    private final AuthenticationProvider delegate;

    private final UsedClientAssertions used;

    private final Clock clock;

    public SingleUseClientAssertions(AuthenticationProvider delegate, UsedClientAssertions used, Clock clock) {
        this.delegate = delegate;
        this.used = used;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = delegate.authenticate(authentication);
        if (!(result instanceof OAuth2ClientAuthenticationToken client)
                || !(client.getCredentials() instanceof Jwt assertion)) {
            return result;
        }
        Instant expiresAt = assertion.getExpiresAt();
        if (!StringUtils.hasText(assertion.getId()) || expiresAt == null) {
            throw invalidClient("client_assertion must carry jti and exp");
        }
        Instant issuedAt = assertion.getIssuedAt();
        if (Duration.between(clock.instant(), expiresAt).compareTo(MAX_LIFETIME) > 0
                || issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            throw invalidClient("client_assertion may live at most " + MAX_LIFETIME_MINUTES + " minutes");
        }
        if (!used.firstUse(client.getRegisteredClient().getClientId(), assertion.getId(),
                expiresAt.plus(ACCEPTED_CLOCK_SKEW))) {
            throw invalidClient("client_assertion was used before");
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static OAuth2AuthenticationException invalidClient(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
