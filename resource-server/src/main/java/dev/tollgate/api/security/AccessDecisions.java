package dev.tollgate.api.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;

/**
 * The outcomes of {@link ApiAccess} rules. A denial says why, so that the 403 can tell a missing scope
 * (RFC 6750 {@code insufficient_scope}: a token with more scope would do) from anything else.
 */
final class AccessDecisions {

    static final AuthorizationResult GRANTED = new AuthorizationDecision(true);

    private AccessDecisions() {
    }

    /** The token lacks a scope the request needs. */
    record InsufficientScope(String scope) implements AuthorizationResult {

        @Override
        public boolean isGranted() {
            return false;
        }
    }

    /** The caller may not do this whatever the token's scope: a role is missing, or it is not a user. */
    record Denied(String reason) implements AuthorizationResult {

        @Override
        public boolean isGranted() {
            return false;
        }
    }
}
