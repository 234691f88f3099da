package dev.tollgate.auth.registration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.authorization.AuthorizationChangedConcurrently;

/**
 * An initial access token registers one client, however many registrations are sent with it at once. Spring
 * Authorization Server stores the new client first and then invalidates the token; here both happen in one
 * transaction, and the invalidation is conditional on the token's grant being unchanged since it was read. The
 * registrations that lose the race roll back, leaving no client behind, and answer {@code 401 invalid_token}, as a
 * token used before does.
 */
final class SingleUseInitialAccessToken implements AuthenticationProvider {

    private final AuthenticationProvider registration;

    private final TransactionOperations transactions;

    SingleUseInitialAccessToken(AuthenticationProvider registration, TransactionOperations transactions) {
        this.registration = registration;
        this.transactions = transactions;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return transactions.execute(transaction -> registration.authenticate(authentication));
        }
        catch (AuthorizationChangedConcurrently usedConcurrently) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return registration.supports(authentication);
    }
}
