package dev.tollgate.auth.authorize;

import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * When the consent page is shown: always for {@code prompt=consent} (OIDC Core 3.1.2.1, also when consent is
 * remembered), otherwise as Spring Authorization Server decides by default: for a client that requires consent,
 * unless the remembered consent covers every requested scope ({@code openid} alone needs none).
 */
public final class ConsentPrompt implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (OidcRequestParameters.prompts(request).contains(OidcRequestParameters.CONSENT)) {
            return true;
        }
        if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        Set<String> requested = context.getAuthorizationRequest().getScopes();
        if (requested.equals(Set.of(OidcScopes.OPENID))) {
            return false;
        }
        OAuth2AuthorizationConsent remembered = context.getAuthorizationConsent();
        return remembered == null || !remembered.getScopes().containsAll(requested);
    }
}
