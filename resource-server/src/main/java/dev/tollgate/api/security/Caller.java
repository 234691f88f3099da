package dev.tollgate.api.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringTokenizer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Who is calling, as the access token (JWT claims or introspection answer) describes them. A user's
 * token carries a username and {@code roles}; a client's own token (client_credentials) carries neither
 * and its {@code sub} is the client id. A token a client got by token exchange (RFC 8693) names that client
 * in {@code act}: the {@code actor} calls on the user's behalf; null when the user's own client calls.
 */
public record Caller(String subject, String username, String email, List<String> roles, Set<String> scopes,
        String actor) {

    public static Caller fromClaims(Map<String, Object> claims) {
        return new Caller(
                stringClaim(claims, "sub"),
                usernameOf(claims),
                stringClaim(claims, "email"),
                List.copyOf(stringsOf(claims.get("roles"))),
                Set.copyOf(stringsOf(claims.get("scope"))),
                actorOf(claims));
    }

    public static Optional<Caller> of(Authentication authentication) {
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            return Optional.of(fromClaims(token.getTokenAttributes()));
        }
        return Optional.empty();
    }

    public boolean isUser() {
        return username != null || !roles.isEmpty();
    }

    /** JWTs carry {@code preferred_username}; introspection answers carry {@code username}. */
    private static String usernameOf(Map<String, Object> claims) {
        String preferred = stringClaim(claims, "preferred_username");
        return preferred != null ? preferred : stringClaim(claims, "username");
    }

    /** RFC 8693 §4.1: the current actor is the outermost {@code act}'s {@code sub}; earlier ones are nested in it. */
    private static String actorOf(Map<String, Object> claims) {
        return claims.get("act") instanceof Map<?, ?> act && act.get("sub") != null ? act.get("sub").toString() : null;
    }

    private static String stringClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }

    /** A claim that is either one space-delimited string (RFC 9068 {@code scope}) or a JSON array. */
    private static Collection<String> stringsOf(Object claim) {
        if (claim instanceof String delimited) {
            // a tokenizer, not String.split's regular expression: this runs for every request
            Set<String> distinct = new LinkedHashSet<>();
            StringTokenizer words = new StringTokenizer(delimited);
            while (words.hasMoreTokens()) {
                distinct.add(words.nextToken());
            }
            return distinct;
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Object::toString).distinct().toList();
        }
        return List.of();
    }
}
