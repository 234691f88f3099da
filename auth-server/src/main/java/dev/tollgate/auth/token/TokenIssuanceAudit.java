package dev.tollgate.auth.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.tokenexchange.ActorClaim;

/**
 * Records {@link SecurityEventType#TOKEN_ISSUED} for every access token the token endpoint hands out, once the grant's
 * provider has succeeded (a refresh whose transaction rolled back issued nothing). The provider's answer names the
 * client, the grant and the scopes but not the user or the stored grant; those are noted, on the request's thread, by
 * the token generator when it makes the access token ({@link #noting}). The grant ({@code authorization_id}) is the
 * stored authorization the token belongs to for the code, refresh and device grants, and for a client_credentials JWT
 * its {@code jti}, under which a revocation stores it; for other client tokens and token exchange there is none yet
 * when the token is made. A token exchange also names its {@code actor}, the client that exchanged, and its
 * {@code delegation}: {@code act} when the token names that client in its {@code act} claim, {@code impersonation}
 * when not. No token value is recorded.
 */
@Component
public class TokenIssuanceAudit {

    private static final String DEVICE_CODE = AuthorizationGrantType.DEVICE_CODE.getValue();

    private final ThreadLocal<Issued> issued = new ThreadLocal<>();

    private final AuditLog audit;

    public TokenIssuanceAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** The token generator, noting for whom and for which grant it makes each access token. */
    OAuth2TokenGenerator<OAuth2Token> noting(OAuth2TokenGenerator<? extends OAuth2Token> generator) {
        return context -> {
            OAuth2Token token = generator.generate(context);
            if (token != null && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                issued.set(new Issued(userOf(context), authorizationIdOf(context, token), actorOf(context)));
            }
            return token;
        };
    }

    /** The provider of a grant, recording the access tokens it issues. */
    AuthenticationProvider recording(AuthenticationProvider grant) {
        return new AuthenticationProvider() {

            @Override
            public Authentication authenticate(Authentication request) {
                issued.remove();
                try {
                    Authentication result = grant.authenticate(request);
                    if (result instanceof OAuth2AccessTokenAuthenticationToken answer) {
                        record(request, answer, issued.get());
                    }
                    return result;
                }
                finally {
                    issued.remove();
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return grant.supports(authentication);
            }
        };
    }

    private void record(Authentication request, OAuth2AccessTokenAuthenticationToken answer, Issued noted) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(SecurityEvent.CLIENT, answer.getRegisteredClient().getClientId());
        String address = addressOf(request);
        if (address != null) {
            details.put(SecurityEvent.ADDRESS, address);
        }
        if (noted != null && noted.user() != null) {
            details.put(SecurityEvent.USER, noted.user());
        }
        if (request instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
            details.put("grant_type", grant.getGrantType().getValue());
        }
        if (noted != null && noted.actor() != null) {
            details.put(SecurityEvent.ACTOR, answer.getRegisteredClient().getClientId());
            details.put("delegation", noted.actor());
        }
        Set<String> scopes = answer.getAccessToken().getScopes();
        details.put("scope", String.join(" ", new TreeSet<>(scopes)));
        if (noted != null && noted.authorizationId() != null) {
            details.put("authorization_id", noted.authorizationId());
        }
        if (answer.getRefreshToken() != null) {
            details.put("refresh_token", "issued");
        }
        audit.record(new SecurityEvent(SecurityEventType.TOKEN_ISSUED, details));
    }

    /**
     * The address of the token request, as the client authentication filter noted it on the client's authentication
     * (the grant's principal).
     */
    private static String addressOf(Authentication request) {
        return request.getPrincipal() instanceof Authentication client
                && client.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String userOf(OAuth2TokenContext context) {
        Authentication principal = context.getPrincipal();
        return principal == null || principal instanceof OAuth2ClientAuthenticationToken ? null : principal.getName();
    }

    /** For a token exchange, {@code act} when the token names the client as its actor, else {@code impersonation}. */
    private static String actorOf(OAuth2TokenContext context) {
        if (!AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())) {
            return null;
        }
        String clientId = context.getRegisteredClient().getClientId();
        return ActorClaim.of(context).filter(act -> clientId.equals(act.get("sub"))).isPresent()
                ? ActorClaim.ACT : "impersonation";
    }

    private static String authorizationIdOf(OAuth2TokenContext context, OAuth2Token token) {
        AuthorizationGrantType grant = context.getAuthorizationGrantType();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
            return token instanceof Jwt jwt ? jwt.getId() : null;
        }
        boolean updatesTheStoredGrant = AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)
                || AuthorizationGrantType.REFRESH_TOKEN.equals(grant)
                || (grant != null && DEVICE_CODE.equals(grant.getValue()));
        return updatesTheStoredGrant && context.getAuthorization() != null ? context.getAuthorization().getId() : null;
    }

    private record Issued(String user, String authorizationId, String actor) {
    }
}
