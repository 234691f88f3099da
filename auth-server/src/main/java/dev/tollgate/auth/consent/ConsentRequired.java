package dev.tollgate.auth.consent;

import java.util.function.Predicate;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the consent page is shown: for a client that requires consent, whenever the user has not yet approved every
 * requested scope. Spring Authorization Server's own rule lets a request for {@code openid} alone through without
 * asking, which hands any registered client the user's identity without the user knowing (README, Security, "Consent
 * means consent": a client that requires consent asks for it for any scope set, openid alone included).
 */
public final class ConsentRequired implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext request) {
        if (!request.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        OAuth2AuthorizationConsent remembered = request.getAuthorizationConsent();
        return remembered == null
                || !remembered.getScopes().containsAll(request.getAuthorizationRequest().getScopes());
    }
}
