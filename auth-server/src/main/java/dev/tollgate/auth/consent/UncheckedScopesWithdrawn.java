package dev.tollgate.auth.consent;

import java.util.HashSet;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;

/**
 * Makes unticking a scope on the consent page take it away. Spring Authorization Server adds every requested scope
 * the user approved earlier back to the answer, so a remembered scope could never be withdrawn there: before its
 * provider records the answer, this forgets the remembered scopes that were asked for again and left unticked.
 * An answer with no scope at all is a denial ({@link DenyRevokesConsent}).
 */
public final class UncheckedScopesWithdrawn implements AuthenticationProvider {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private static final String SCOPE_AUTHORITY_PREFIX = "SCOPE_";

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2AuthorizationConsentService consents;

    public UncheckedScopesWithdrawn(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.consents = consents;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (authentication instanceof OAuth2AuthorizationConsentAuthenticationToken answer
                && !answer.getScopes().isEmpty()) {
            withdrawUnchecked(answer);
        }
        return delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private void withdrawUnchecked(OAuth2AuthorizationConsentAuthenticationToken answer) {
        OAuth2Authorization inFlight = authorizations.findByToken(answer.getState(), STATE);
        // an answer that is not this user's own in-flight request changes nothing; the provider then refuses it
        if (inFlight == null || !(answer.getPrincipal() instanceof Authentication user)
                || !user.getName().equals(inFlight.getPrincipalName())) {
            return;
        }
        OAuth2AuthorizationRequest request = inFlight.getAttribute(OAuth2AuthorizationRequest.class.getName());
        OAuth2AuthorizationConsent remembered =
                consents.findById(inFlight.getRegisteredClientId(), inFlight.getPrincipalName());
        if (request == null || remembered == null) {
            return;
        }
        Set<String> withdrawn = new HashSet<>(request.getScopes());
        withdrawn.retainAll(remembered.getScopes());
        withdrawn.removeAll(answer.getScopes());
        withdrawn.remove(OidcScopes.OPENID);
        if (withdrawn.isEmpty()) {
            return;
        }
        Set<String> kept = new HashSet<>(remembered.getScopes());
        kept.removeAll(withdrawn);
        kept.remove(OidcScopes.OPENID);
        if (kept.isEmpty()) {
            consents.remove(remembered);
            return;
        }
        consents.save(OAuth2AuthorizationConsent.from(remembered)
                .authorities(authorities -> authorities.removeIf(authority -> withdrawn.contains(scopeOf(authority))))
                .build());
    }

    private static String scopeOf(GrantedAuthority authority) {
        String name = authority.getAuthority();
        return name != null && name.startsWith(SCOPE_AUTHORITY_PREFIX)
                ? name.substring(SCOPE_AUTHORITY_PREFIX.length()) : null;
    }
}
