package dev.tollgate.auth.registration;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.server.authorization.AbstractOAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientMetadataClaimNames;

import dev.tollgate.auth.authorize.AdminOnlyScopes;
import dev.tollgate.auth.client.PublicHosts;
import dev.tollgate.auth.consent.ScopeDescriptions;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.signals.SignalsEndpoints;

/**
 * What a client may ask for when it registers (RFC 7591 §2): only the grant types, client authentication methods
 * and scopes Tollgate supports, safe redirect URIs ({@link RedirectUriRule}), a {@code jwks_uri} on the public
 * internet ({@link PublicHosts}), and no admin-only scope ({@link AdminOnlyScopes}: {@code books.write},
 * {@code users.read}) for a client that obtains tokens without a user (client_credentials), unless the operator
 * allows it ({@code tollgate.registration.allow-admin-scopes-for-services}): such a token acts with no user and no
 * administrator behind it. Anything else is refused with {@code invalid_client_metadata} or
 * {@code invalid_redirect_uri}, naming the field.
 * <p>
 * An administrator registering a client (README "Managing clients") works under the same rules, but may also give
 * it the scopes that administer Tollgate ({@code tollgate.admin}, {@code client.create}) and admin-only scopes for
 * services; a registrar never may, whatever the operator allows.
 */
final class ClientMetadataRules {

    /**
     * OIDC Dynamic Client Registration 1.0 section 2: the {@code acr} values asked for when a request names none.
     * Tollgate treats {@link AuthenticationMethods#MFA} there as required of every request of the client.
     */
    static final String DEFAULT_ACR_VALUES = "default_acr_values";

    static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

    /** RFC 9126 section 6: the client's authorization requests are accepted only when pushed first. */
    static final String REQUIRE_PUSHED_AUTHORIZATION_REQUESTS = "require_pushed_authorization_requests";

    /** RFC 9449 §5.2: the client always sends DPoP proofs; a token request without one is refused. */
    static final String DPOP_BOUND_ACCESS_TOKENS = "dpop_bound_access_tokens";

    // OpenID Connect Back-Channel Logout 1.0 §2.2
    static final String BACKCHANNEL_LOGOUT_URI = "backchannel_logout_uri";

    static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "backchannel_logout_session_required";

    /**
     * Tollgate's own: the client may impersonate in token exchange (RFC 8693 §1.1), getting a user's token with no
     * {@code act} naming it. Only an administrator may set it: a client that registers itself never gets it.
     */
    static final String TOKEN_EXCHANGE_IMPERSONATION = "token_exchange_impersonation";

    static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
            AuthorizationGrantType.DEVICE_CODE.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

    /** Scopes that make a client an administrator of Tollgate or a registrar of other clients. */
    static final Set<String> ADMINISTRATOR_SCOPES =
            Set.of(AdminOnlyScopes.TOLLGATE_ADMIN, DynamicClientRegistration.CLIENT_CREATE_SCOPE);

    // client_secret_jwt is missing on purpose: it needs the secret itself, and Tollgate keeps only a digest of it
    private static final Set<String> AUTHENTICATION_METHODS = Set.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
            ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(),
            ClientAuthenticationMethod.NONE.getValue());

    // RFC 7591 §2: a key set by value; Spring Authorization Server reads client keys only from a jwks_uri
    private static final String JWKS = "jwks";

    private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2";

    private final boolean adminScopesForServices;

    private final Set<String> scopes;

    private final boolean byAdministrator;

    private ClientMetadataRules(boolean adminScopesForServices, Set<String> scopes, boolean byAdministrator) {
        this.adminScopesForServices = adminScopesForServices;
        this.scopes = scopes;
        this.byAdministrator = byAdministrator;
    }

    /** For clients registering themselves with an initial access token. */
    static ClientMetadataRules forRegistrar(boolean adminScopesForServices) {
        Set<String> scopes = new TreeSet<>(ScopeDescriptions.known());
        scopes.removeAll(ADMINISTRATOR_SCOPES);
        return new ClientMetadataRules(adminScopesForServices, scopes, false);
    }

    /** For clients an administrator registers. */
    static ClientMetadataRules forAdministrator() {
        Set<String> scopes = new TreeSet<>(ScopeDescriptions.known());
        scopes.addAll(ADMINISTRATOR_SCOPES);
        return new ClientMetadataRules(true, scopes, true);
    }

    /** RFC 7591 §2: without {@code grant_types} a client gets the authorization code grant. */
    static List<String> grantTypesOf(AbstractOAuth2ClientRegistration request) {
        List<String> grantTypes = request.getGrantTypes();
        return grantTypes == null || grantTypes.isEmpty()
                ? List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()) : grantTypes;
    }

    static String authenticationMethodOf(AbstractOAuth2ClientRegistration request) {
        String method = request.getTokenEndpointAuthenticationMethod();
        return method == null ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue() : method;
    }

    void check(AbstractOAuth2ClientRegistration request) {
        List<String> grantTypes = grantTypesOf(request);
        require(GRANT_TYPES.containsAll(grantTypes), OAuth2ClientMetadataClaimNames.GRANT_TYPES,
                "the supported grant types are authorization_code, refresh_token, client_credentials and "
                        + AuthorizationGrantType.DEVICE_CODE.getValue() + " and "
                        + AuthorizationGrantType.TOKEN_EXCHANGE.getValue());
        boolean authorizationCode = grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
        boolean userGrant = authorizationCode || grantTypes.contains(AuthorizationGrantType.DEVICE_CODE.getValue());
        require(userGrant || !grantTypes.contains(AuthorizationGrantType.REFRESH_TOKEN.getValue()),
                OAuth2ClientMetadataClaimNames.GRANT_TYPES,
                "refresh_token comes only with authorization_code or the device grant");
        List<String> responseTypes = request.getResponseTypes();
        require(responseTypes == null || responseTypes.stream()
                        .allMatch(OAuth2AuthorizationResponseType.CODE.getValue()::equals),
                OAuth2ClientMetadataClaimNames.RESPONSE_TYPES, "the only response type is code");
        String method = authenticationMethodOf(request);
        require(AUTHENTICATION_METHODS.contains(method), OAuth2ClientMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHOD,
                "use client_secret_basic, client_secret_post, private_key_jwt or none");
        require(!ClientAuthenticationMethod.NONE.getValue().equals(method)
                        || !grantTypes.contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()),
                OAuth2ClientMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHOD, "client_credentials needs a credential");
        require(!ClientAuthenticationMethod.NONE.getValue().equals(method)
                        || !grantTypes.contains(AuthorizationGrantType.TOKEN_EXCHANGE.getValue()),
                OAuth2ClientMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHOD, "token exchange needs a credential");
        require(!ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue().equals(method) || request.getJwkSetUrl() != null,
                OAuth2ClientMetadataClaimNames.JWKS_URI, "private_key_jwt needs the client's jwks_uri");
        require(request.getJwkSetUrl() == null || PublicHosts.accepts(request.getJwkSetUrl().getHost()),
                OAuth2ClientMetadataClaimNames.JWKS_URI, "the host must resolve to public internet addresses only");
        require(request.getClaim(JWKS) == null, JWKS, "register the key set by its jwks_uri");
        Object acrValues = request.getClaim(DEFAULT_ACR_VALUES);
        require(acrValues == null || acrValues instanceof List<?> values
                        && AuthenticationMethods.SUPPORTED.containsAll(values), DEFAULT_ACR_VALUES,
                "a list of " + String.join(", ", AuthenticationMethods.SUPPORTED)
                        + "; with " + AuthenticationMethods.MFA + " every sign-in for this client takes two factors");
        List<String> requested = request.getScopes();
        require(requested == null || scopes.containsAll(requested), OAuth2ClientMetadataClaimNames.SCOPE,
                "the known scopes are " + String.join(" ", scopes));
        require(adminScopesForServices || requested == null
                        || !grantTypes.contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                        || requested.stream().noneMatch(AdminOnlyScopes.SCOPES::contains),
                OAuth2ClientMetadataClaimNames.SCOPE, "a client_credentials client may not have "
                        + String.join(" or ", AdminOnlyScopes.SCOPES.stream().sorted().toList())
                        + " unless the operator allows it");
        require(requested == null || !requested.contains(SignalsEndpoints.MANAGE_SCOPE)
                        || grantTypes.contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()),
                OAuth2ClientMetadataClaimNames.SCOPE, SignalsEndpoints.MANAGE_SCOPE
                        + " is a client's own scope: it needs the client_credentials grant");
        checkRedirectUris(request.getRedirectUris(), authorizationCode);
        Object pushedRequestsRequired = request.getClaim(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS);
        require(pushedRequestsRequired == null || pushedRequestsRequired instanceof Boolean,
                REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, "true or false");
        Object dpopBound = request.getClaim(DPOP_BOUND_ACCESS_TOKENS);
        require(dpopBound == null || dpopBound instanceof Boolean, DPOP_BOUND_ACCESS_TOKENS, "true or false");
        Object backChannelLogoutUri = request.getClaim(BACKCHANNEL_LOGOUT_URI);
        require(backChannelLogoutUri == null || backChannelLogoutUri instanceof String uri && RedirectUriRule.accepts(uri),
                BACKCHANNEL_LOGOUT_URI, "use https, or http to localhost, 127.0.0.1 or [::1], without a fragment");
        Object sessionRequired = request.getClaim(BACKCHANNEL_LOGOUT_SESSION_REQUIRED);
        require(sessionRequired == null || sessionRequired instanceof Boolean,
                BACKCHANNEL_LOGOUT_SESSION_REQUIRED, "true or false");
        Object impersonation = request.getClaim(TOKEN_EXCHANGE_IMPERSONATION);
        require(impersonation == null || impersonation instanceof Boolean, TOKEN_EXCHANGE_IMPERSONATION, "true or false");
        require(!Boolean.TRUE.equals(impersonation) || byAdministrator, TOKEN_EXCHANGE_IMPERSONATION,
                "only an administrator may allow a client to impersonate users");
        require(!Boolean.TRUE.equals(impersonation)
                        || grantTypes.contains(AuthorizationGrantType.TOKEN_EXCHANGE.getValue()),
                TOKEN_EXCHANGE_IMPERSONATION, "impersonation needs the grant type "
                        + AuthorizationGrantType.TOKEN_EXCHANGE.getValue());
        List<String> postLogoutRedirectUris =
                request.getClaimAsStringList(OidcClientMetadataClaimNames.POST_LOGOUT_REDIRECT_URIS);
        require(postLogoutRedirectUris == null || postLogoutRedirectUris.stream().allMatch(RedirectUriRule::accepts),
                OidcClientMetadataClaimNames.POST_LOGOUT_REDIRECT_URIS,
                "use https, or http to localhost, 127.0.0.1 or [::1], without a fragment");
    }

    private static void checkRedirectUris(List<String> redirectUris, boolean authorizationCode) {
        boolean none = redirectUris == null || redirectUris.isEmpty();
        if (authorizationCode && none) {
            throw refusal(OAuth2ErrorCodes.INVALID_REDIRECT_URI, OAuth2ClientMetadataClaimNames.REDIRECT_URIS,
                    "the authorization code grant needs at least one redirect URI");
        }
        if (!none && !redirectUris.stream().allMatch(RedirectUriRule::accepts)) {
            throw refusal(OAuth2ErrorCodes.INVALID_REDIRECT_URI, OAuth2ClientMetadataClaimNames.REDIRECT_URIS,
                    "use https, or http to localhost, 127.0.0.1 or [::1], without a fragment");
        }
    }

    private static void require(boolean condition, String field, String rule) {
        if (!condition) {
            throw refusal(INVALID_CLIENT_METADATA, field, rule);
        }
    }

    static OAuth2AuthenticationException refusal(String errorCode, String field, String rule) {
        return new OAuth2AuthenticationException(new OAuth2Error(errorCode, field + ": " + rule, ERROR_URI));
    }
}
