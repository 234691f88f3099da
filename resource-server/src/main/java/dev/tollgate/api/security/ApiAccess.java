package dev.tollgate.api.security;

import java.util.function.BiFunction;

import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import dev.tollgate.api.security.AccessDecisions.Denied;
import dev.tollgate.api.security.AccessDecisions.InsufficientScope;

import static dev.tollgate.api.security.AccessDecisions.GRANTED;

/**
 * The access rules of the API's endpoints. Where a role and a scope are both needed the role is checked
 * first: a caller without the role could not obtain the scope anyway, so asking for a bigger token
 * ({@code insufficient_scope}) would mislead.
 */
final class ApiAccess {

    private ApiAccess() {
    }

    static AuthorizationManager<RequestAuthorizationContext> scope(String scope) {
        return rule((authentication, request) -> requireScope(authentication, scope));
    }

    /** The scope, and for a user's token also the role; a client's own token needs only the scope. */
    static AuthorizationManager<RequestAuthorizationContext> scopeAndRoleForUsers(String scope, String role) {
        return rule((authentication, request) -> callerOf(authentication).isUser()
                ? firstDenial(requireRole(authentication, role), requireScope(authentication, scope))
                : requireScope(authentication, scope));
    }

    static AuthorizationManager<RequestAuthorizationContext> roleAndScope(String role, String scope) {
        return rule((authentication, request) ->
                firstDenial(requireRole(authentication, role), requireScope(authentication, scope)));
    }

    /** A user's token (a client's own token has no user) with the scope. */
    static AuthorizationManager<RequestAuthorizationContext> userTokenWithScope(String scope) {
        return rule((authentication, request) ->
                firstDenial(requireUser(authentication), requireScope(authentication, scope)));
    }

    /**
     * The user whose {@code sub} is the path variable {@code userIdVariable}, or any user with the role; and in
     * either case the scope.
     */
    static AuthorizationManager<RequestAuthorizationContext> selfOrRoleWithScope(String userIdVariable, String role,
            String scope) {
        return rule((authentication, request) -> {
            AuthorizationResult user = requireUser(authentication);
            String userId = request.getVariables().get(userIdVariable);
            AuthorizationResult selfOrRole = !user.isGranted() || callerOf(authentication).subject().equals(userId)
                    ? user : requireRole(authentication, role);
            return firstDenial(selfOrRole, requireScope(authentication, scope));
        });
    }

    private static AuthorizationManager<RequestAuthorizationContext> rule(
            BiFunction<Authentication, RequestAuthorizationContext, AuthorizationResult> rule) {
        return (authentication, request) -> {
            Authentication current = authentication.get();
            if (current == null || Caller.of(current).isEmpty()) {
                return new Denied("Requires an access token");
            }
            return rule.apply(current, request);
        };
    }

    private static AuthorizationResult requireScope(Authentication authentication, String scope) {
        return hasAuthority(authentication, "SCOPE_" + scope) ? GRANTED : new InsufficientScope(scope);
    }

    private static AuthorizationResult requireRole(Authentication authentication, String role) {
        return hasAuthority(authentication, "ROLE_" + role) ? GRANTED : new Denied("Requires role " + role);
    }

    private static AuthorizationResult requireUser(Authentication authentication) {
        return callerOf(authentication).isUser() ? GRANTED
                : new Denied("Requires a user's access token; a client's own token cannot be used here");
    }

    private static AuthorizationResult firstDenial(AuthorizationResult first, AuthorizationResult second) {
        return first.isGranted() ? second : first;
    }

    private static boolean hasAuthority(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }

    private static Caller callerOf(Authentication authentication) {
        return Caller.of(authentication).orElseThrow();
    }
}
