package dev.tollgate.auth.tokenexchange;

import java.security.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.client.TollgateClientSettings;

/**
 * Tollgate's rules for token exchange (RFC 8693) around Spring Authorization Server's provider, which looks the subject
 * token up, checks that it is active, makes and stores the new token. Before it runs:
 * <ul>
 * <li>only a client registered with the grant type may exchange ({@code unauthorized_client});</li>
 * <li>the subject token must be an active access token of a user's grant issued here ({@code invalid_grant}): a
 * client's own token describes no user to act for;</li>
 * <li>an {@code actor_token} must be an active client_credentials access token of the requesting client itself
 * ({@code invalid_grant}): a client acts only as itself;</li>
 * <li>the scope is at most the subject token's scope and the client's registered scopes, narrowed further by a
 * requested {@code scope}; a wider request, or nothing in common, is {@code invalid_scope};</li>
 * <li>the token is for the API ({@code audience}/{@code resource} other than it: {@code invalid_target}, RFC 8693
 * §2.2.2).</li>
 * </ul>
 * The new grant joins the family of the subject token's ({@link TokenFamilies#deriving}): whatever revokes the
 * user's grant (sign-out, refresh token reuse, consent withdrawal, ...) revokes the exchanged token too.
 * The new token carries {@code act} ({@link ActorClaim}) unless the client has
 * {@link TollgateClientSettings#TOKEN_EXCHANGE_IMPERSONATION} and sends no {@code actor_token}. The actor is then
 * known from the client, so the actor token is checked here and not handed on: Spring's provider would otherwise
 * store the actor token's claims with the new grant.
 */
public final class TokenExchangePolicy implements AuthenticationProvider {

    // never a request parameter: requests' additional parameters are copied without it first
    private static final String IMPERSONATION = "tollgate.token_exchange.impersonation";

    private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2";

    // where Spring Authorization Server's token endpoint hands a request's DPoP header to the grant
    private static final String DPOP_PROOF = "dpop_proof";

    private final AuthenticationProvider delegate;

    private final TokenFamilies authorizations;

    private final String apiAudience;

    private final Clock clock;

    TokenExchangePolicy(AuthenticationProvider delegate, TokenFamilies authorizations, String apiAudience,
            Clock clock) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.apiAudience = apiAudience;
        this.clock = clock;
    }

    /** True when the token asked for is to carry no {@code act} of the requesting client. */
    static boolean isImpersonation(OAuth2TokenExchangeAuthenticationToken exchange) {
        return Boolean.TRUE.equals(exchange.getAdditionalParameters().get(IMPERSONATION));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenExchangeAuthenticationToken exchange = (OAuth2TokenExchangeAuthenticationToken) authentication;
        if (!(exchange.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
                || !clientPrincipal.isAuthenticated() || clientPrincipal.getRegisteredClient() == null) {
            return delegate.authenticate(exchange);
        }
        RegisteredClient client = clientPrincipal.getRegisteredClient();
        if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
            throw refusal(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "This client may not exchange tokens.");
        }
        requireTheApi(exchange.getAudiences(), "audience");
        requireTheApi(exchange.getResources(), "resource");
        OAuth2Authorization subjectAuthorization = authorizations.findByToken(exchange.getSubjectToken(),
                OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> subject = usersAccessToken(subjectAuthorization,
                exchange.getSubjectToken());
        requireProofOfItsKey(subject, exchange);
        boolean actorToken = StringUtils.hasText(exchange.getActorToken());
        if (actorToken) {
            requireOwnToken(exchange.getActorToken(), client);
        }
        Set<String> scopes = scopes(subject.getToken().getScopes(), client.getScopes(), exchange.getScopes());
        Map<String, Object> parameters = new HashMap<>(exchange.getAdditionalParameters());
        parameters.remove(IMPERSONATION);
        if (!actorToken && TollgateClientSettings.mayImpersonate(client)) {
            parameters.put(IMPERSONATION, true);
        }
        OAuth2TokenExchangeAuthenticationToken checked = new OAuth2TokenExchangeAuthenticationToken(
                exchange.getRequestedTokenType(), exchange.getSubjectToken(), exchange.getSubjectTokenType(),
                clientPrincipal, null, null, exchange.getResources(), exchange.getAudiences(), scopes, parameters);
        return authorizations.deriving(subjectAuthorization.getId(), () -> delegate.authenticate(checked));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenExchangeAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void requireTheApi(Set<String> targets, String parameter) {
        if (targets.stream().anyMatch(target -> !target.equals(apiAudience))) {
            throw refusal("invalid_target", "The only " + parameter + " is " + apiAudience + ".");
        }
    }

    private OAuth2Authorization.Token<OAuth2AccessToken> usersAccessToken(OAuth2Authorization authorization,
            String token) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = activeAccessToken(authorization, token);
        if (accessToken == null) {
            throw refusal(OAuth2ErrorCodes.INVALID_GRANT, "The subject token is not an active access token.");
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                || !(authorization.getAttribute(Principal.class.getName()) instanceof Authentication user)
                || user instanceof OAuth2ClientAuthenticationToken) {
            throw refusal(OAuth2ErrorCodes.INVALID_GRANT, "The subject token must be a user's access token.");
        }
        return accessToken;
    }

    /**
     * A subject token bound to a DPoP key (RFC 9449 {@code cnf.jkt}) is exchanged only with a proof of that key, or
     * whoever holds the token could trade it for one that works without the key. Spring's grant then checks the proof
     * (signature by that key, {@code htm}, {@code htu}, {@code iat}) and the new token is bound to the same key.
     */
    private static void requireProofOfItsKey(OAuth2Authorization.Token<OAuth2AccessToken> subject,
            OAuth2TokenExchangeAuthenticationToken exchange) {
        if (!(subject.getClaims() != null && subject.getClaims().get("cnf") instanceof Map<?, ?> confirmation
                && confirmation.get("jkt") instanceof String boundTo)) {
            return;
        }
        if (!boundTo.equals(thumbprintOfProofKey(exchange.getAdditionalParameters().get(DPOP_PROOF)))) {
            throw refusal(OAuth2ErrorCodes.INVALID_GRANT,
                    "The subject token is bound to a DPoP key: exchange it with a DPoP proof of that key.");
        }
    }

    private static String thumbprintOfProofKey(Object proof) {
        try {
            JWK key = proof instanceof String text ? SignedJWT.parse(text).getHeader().getJWK() : null;
            return key == null ? null : key.computeThumbprint().toString();
        }
        catch (ParseException | JOSEException unreadable) {
            return null;
        }
    }

    private void requireOwnToken(String token, RegisteredClient client) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        if (activeAccessToken(authorization, token) == null
                || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                || !client.getId().equals(authorization.getRegisteredClientId())) {
            throw refusal(OAuth2ErrorCodes.INVALID_GRANT,
                    "The actor token must be an active client_credentials access token of this client.");
        }
    }

    // Token#isActive reads the system clock; the expiry is checked on the server's clock, which issued the token
    private OAuth2Authorization.Token<OAuth2AccessToken> activeAccessToken(OAuth2Authorization authorization,
            String token) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || !token.equals(accessToken.getToken().getTokenValue()) || accessToken.isInvalidated()
                || accessToken.getToken().getExpiresAt() == null
                || !clock.instant().isBefore(accessToken.getToken().getExpiresAt())) {
            return null;
        }
        return accessToken;
    }

    private static Set<String> scopes(Set<String> subjectScopes, Set<String> clientScopes, Set<String> requested) {
        Set<String> allowed = new TreeSet<>(subjectScopes);
        allowed.retainAll(clientScopes);
        if (requested != null && !requested.isEmpty()) {
            if (!allowed.containsAll(requested)) {
                throw refusal(OAuth2ErrorCodes.INVALID_SCOPE,
                        "The scope may be at most the subject token's and this client's: " + String.join(" ", allowed));
            }
            return new TreeSet<>(requested);
        }
        if (allowed.isEmpty()) {
            throw refusal(OAuth2ErrorCodes.INVALID_SCOPE, "The subject token has no scope this client may have.");
        }
        return allowed;
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
    }
}
