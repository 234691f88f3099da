package dev.tollgate.auth.consent;

import java.util.Collection;
import java.util.function.Consumer;

import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;

/**
 * Makes "Deny" on the consent page deny, also when the user had approved this application before and is
 * asked again ({@code prompt=consent}). Spring Authorization Server would otherwise add the remembered scopes
 * back to an empty answer and issue a code anyway. Denying withdraws the remembered consent too.
 */
public final class DenyRevokesConsent implements Consumer<OAuth2AuthorizationConsentAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationConsentAuthenticationContext context) {
        OAuth2AuthorizationConsentAuthenticationToken answer = context.getAuthentication();
        Collection<String> submitted = answer.getScopes();
        if (submitted.isEmpty()) {
            context.getAuthorizationConsent().authorities(Collection::clear);
        }
    }
}
