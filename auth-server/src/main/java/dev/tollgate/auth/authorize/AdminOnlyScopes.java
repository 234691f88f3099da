package dev.tollgate.auth.authorize;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.user.Roles;

/**
 * README "Endpoints": {@code books.write}, {@code users.read} and {@link #TOLLGATE_ADMIN} reach a user's token only
 * if the user has role ADMIN;
 * for anyone else they are silently dropped. Only scopes the client has registered are dropped: a scope the client
 * may not ask for at all stays in the request so that it is refused with {@code invalid_scope}.
 */
public final class AdminOnlyScopes {

    /** Tollgate's own administration: the admin API and SCIM. */
    public static final String TOLLGATE_ADMIN = "tollgate.admin";

    public static final Set<String> SCOPES = Set.of("books.write", "users.read", TOLLGATE_ADMIN);

    private static final String ADMIN_AUTHORITY = "ROLE_" + Roles.ADMIN;

    private AdminOnlyScopes() {
    }

    /**
     * The requested scopes this user may be granted by this client. {@link SignalsEndpoints#MANAGE_SCOPE} is a
     * client's own, never granted to anyone's token, administrators included.
     */
    public static Set<String> grantable(Set<String> requested, Authentication user, RegisteredClient client) {
        Set<String> grantable = new LinkedHashSet<>(requested);
        grantable.removeIf(scope -> scope.equals(SignalsEndpoints.MANAGE_SCOPE) && client.getScopes().contains(scope));
        if (isAdmin(user)) {
            return grantable;
        }
        grantable.removeIf(scope -> SCOPES.contains(scope) && client.getScopes().contains(scope));
        return grantable;
    }

    private static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN_AUTHORITY::equals);
    }
}
