package dev.tollgate.auth.keys;

import java.time.Duration;

/**
 * How long a token signed now can stay valid, which is how long a retired signing key must remain published. The
 * token rules know it ({@code token/TokenPolicy}); the keys only ask.
 */
public interface SignedTokenLifetimes {

    Duration longestSignedTokenLifetime();
}
