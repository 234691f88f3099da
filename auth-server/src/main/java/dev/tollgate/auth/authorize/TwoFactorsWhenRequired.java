package dev.tollgate.auth.authorize;

import java.util.Arrays;
import java.util.function.Consumer;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.mfa.RolesRequiringMfa;

/**
 * No code for a sign-in with one factor when two are required: by the request ({@code acr_values} naming
 * {@value AuthenticationMethods#MFA}; Tollgate treats it as essential, not as the voluntary claim of OIDC Core
 * 5.5.1.1), by the client (its setting {@link TollgateClientSettings#REQUIRE_MFA}), or by the user's role
 * ({@code tollgate.mfa.required-roles}). The user then proves a second factor, or sets one up, and the request
 * continues; with {@code prompt=none} the client gets {@code interaction_required} instead.
 */
final class TwoFactorsWhenRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String INTERACTION_REQUIRED = "interaction_required";

    private static final String ACR_VALUES = "acr_values";

    private final RolesRequiringMfa roles;

    TwoFactorsWhenRequired(RolesRequiringMfa roles) {
        this.roles = roles;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Authentication user = (Authentication) request.getPrincipal();
        if (user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()
                || AuthenticationMethods.isMultiFactor(user)
                || !required(request, context.getRegisteredClient(), user)) {
            return;
        }
        if (OidcRequestParameters.prompts(request).contains(OidcRequestParameters.NONE)) {
            throw OidcRequestParameters.error(INTERACTION_REQUIRED,
                    "Two factors are required, and prompt=none forbids asking for the second", request);
        }
        throw new SecondFactorRequired(request);
    }

    private boolean required(OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client,
            Authentication user) {
        return asksForMfa(request) || TollgateClientSettings.requiresMfa(client) || roles.lackSecondFactor(user);
    }

    private static boolean asksForMfa(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return request.getAdditionalParameters().get(ACR_VALUES) instanceof String acrValues
                && Arrays.asList(acrValues.split(" ")).contains(AuthenticationMethods.MFA);
    }
}
