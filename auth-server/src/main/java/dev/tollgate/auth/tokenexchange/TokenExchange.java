package dev.tollgate.auth.tokenexchange;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * Token exchange (RFC 8693) at the token endpoint: Spring Authorization Server's grant, always on, with Tollgate's
 * {@link TokenExchangePolicy} and error codes ({@link TokenExchangeRequests}); the new token's {@code act} claim is
 * {@link ActorClaim}'s. README "Token exchange".
 */
@Component
public class TokenExchange {

    private final TokenFamilies authorizations;

    private final String apiAudience;

    private final Clock clock;

    public TokenExchange(TokenFamilies authorizations, AuthServerProperties properties, Clock clock) {
        this.authorizations = authorizations;
        this.apiAudience = properties.api().audience();
        this.clock = clock;
    }

    /** Reads token exchange requests; null for any other grant. */
    public AuthenticationConverter requests() {
        return new TokenExchangeRequests();
    }

    /** Spring's token exchange provider under Tollgate's rules; any other provider as it is. */
    public AuthenticationProvider withRules(AuthenticationProvider provider) {
        return provider instanceof OAuth2TokenExchangeAuthenticationProvider
                ? new TokenExchangePolicy(provider, authorizations, apiAudience, clock) : provider;
    }
}
