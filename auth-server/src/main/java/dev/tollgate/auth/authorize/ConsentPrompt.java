package dev.tollgate.auth.authorize;

import java.util.function.Predicate;

import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the consent page is shown: always for {@code prompt=consent} (OIDC Core 3.1.2.1, also when consent is
 * remembered), otherwise when the consent rule it wraps says so.
 */
public final class ConsentPrompt implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> otherwise;

    public ConsentPrompt(Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        return OidcRequestParameters.prompts(context.getAuthentication()).contains(OidcRequestParameters.CONSENT)
                || otherwise.test(context);
    }
}
