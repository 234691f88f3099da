package dev.tollgate.api.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * The caller's address has brought more tokens that turned out not to be active than its introspection budget
 * allows; a token this API does not know yet is not checked until {@link #retryAfter()} has passed.
 */
final class TooManyUnknownTokensException extends AuthenticationException {

    private final Duration retryAfter;

    TooManyUnknownTokensException(Duration retryAfter) {
        super("Too many unknown access tokens from this address");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
