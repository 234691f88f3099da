package dev.tollgate.auth.device;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.authorize.AdminOnlyScopes;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.mfa.RolesRequiringMfa;

/**
 * A user code entered on the verification page (RFC 8628 §3.3), before Spring Authorization Server looks at it:
 * refused once its ten minutes are over on the application's clock, and the scopes only an ADMIN may get dropped from
 * the request for anyone else ({@link AdminOnlyScopes}, as at the authorization endpoint), so that the confirmation
 * page shows only what the user can grant. A sign-in with one factor approves nothing where the code flow asks for two
 * (a role in {@code tollgate.mfa.required-roles}, a client requiring it).
 */
final class DeviceVerification implements AuthenticationProvider {

    /** The error of a sign-in with one factor where the code flow would ask for two (OIDC Core 3.1.2.6). */
    static final String SECOND_FACTOR_REQUIRED = "interaction_required";

    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

    private final AuthenticationProvider verification;

    private final OAuth2AuthorizationService authorizations;

    private final RegisteredClientRepository clients;

    private final RolesRequiringMfa roles;

    private final Clock clock;

    DeviceVerification(AuthenticationProvider verification, OAuth2AuthorizationService authorizations,
            RegisteredClientRepository clients, RolesRequiringMfa roles, Clock clock) {
        this.verification = verification;
        this.roles = roles;
        this.authorizations = authorizations;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2DeviceVerificationAuthenticationToken request =
                (OAuth2DeviceVerificationAuthenticationToken) authentication;
        OAuth2Authorization authorization = authorizations.findByToken(request.getUserCode(), USER_CODE);
        if (authorization != null) {
            OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
            if (userCode.isInvalidated() || !clock.instant().isBefore(userCode.getToken().getExpiresAt())) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
            if (client != null && request.getPrincipal() instanceof Authentication user && user.isAuthenticated()) {
                requireTwoFactorsWhereTheCodeFlowDoes(client, user);
                dropScopesOnlyAdminsGet(authorization, client, user);
            }
        }
        return verification.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return verification.supports(authentication);
    }

    private void requireTwoFactorsWhereTheCodeFlowDoes(RegisteredClient client, Authentication user) {
        if (roles.lackSecondFactor(user)
                || (TollgateClientSettings.requiresMfa(client) && !AuthenticationMethods.isMultiFactor(user))) {
            throw new OAuth2AuthenticationException(new OAuth2Error(SECOND_FACTOR_REQUIRED));
        }
    }

    private void dropScopesOnlyAdminsGet(OAuth2Authorization authorization, RegisteredClient client,
            Authentication user) {
        Set<String> requested = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
        if (requested == null) {
            return;
        }
        Set<String> grantable = AdminOnlyScopes.grantable(requested, user, client);
        if (!grantable.equals(requested)) {
            authorizations.save(OAuth2Authorization.from(authorization)
                    .attribute(OAuth2ParameterNames.SCOPE, new HashSet<>(grantable))
                    .build());
        }
    }
}
