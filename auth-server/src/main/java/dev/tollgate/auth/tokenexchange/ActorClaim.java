package dev.tollgate.auth.tokenexchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;

/**
 * The {@code act} claim (RFC 8693 §4.1) of a token issued by token exchange: the client that exchanged, as
 * {@code {"sub": client_id}}, with the subject token's own {@code act} nested inside it, so a chain of delegations
 * stays visible, most recent actor outermost. A client allowed to impersonate ({@link TokenExchangePolicy}) gets no
 * {@code act} of its own, but never hides an earlier actor: the subject token's {@code act} is carried over as it is.
 */
public final class ActorClaim {

    /** RFC 8693 §4.1. */
    public static final String ACT = "act";

    private ActorClaim() {
    }

    /** The {@code act} claim of the access token this context makes; empty for other grants and for impersonation. */
    public static Optional<Map<String, Object>> of(OAuth2TokenContext context) {
        if (!AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())
                || !(context.getAuthorizationGrant() instanceof OAuth2TokenExchangeAuthenticationToken exchange)) {
            return Optional.empty();
        }
        Map<String, Object> earlier = actOfSubjectToken(context.getAuthorization(), exchange.getSubjectToken());
        if (TokenExchangePolicy.isImpersonation(exchange)) {
            return Optional.ofNullable(earlier);
        }
        // a LinkedHashMap, not Map.of: the token store's Jackson allow-list does not know the JDK's immutable maps
        Map<String, Object> act = new LinkedHashMap<>();
        act.put(OAuth2TokenClaimNames.SUB, context.getRegisteredClient().getClientId());
        if (earlier != null) {
            act.put(ACT, earlier);
        }
        return Optional.of(act);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actOfSubjectToken(OAuth2Authorization subject, String subjectToken) {
        if (subject == null) {
            return null;
        }
        OAuth2Authorization.Token<OAuth2Token> token = subject.getToken(subjectToken);
        if (token == null || token.getClaims() == null || !(token.getClaims().get(ACT) instanceof Map<?, ?> act)) {
            return null;
        }
        return new LinkedHashMap<>((Map<String, Object>) act);
    }
}
