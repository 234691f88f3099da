package dev.tollgate.auth.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.par.PushedRequests;

/**
 * A client registered with {@code require_pushed_authorization_requests} gets no code for an authorization request
 * it did not push first: {@code invalid_request} to its (already validated) redirect URI (RFC 9126 section 4).
 */
final class PushedRequestsRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (TollgateClientSettings.requiresPushedRequests(context.getRegisteredClient())
                && !request.getAdditionalParameters().containsKey(PushedRequests.PUSHED_REQUEST)) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_REQUEST,
                    "This client must push its authorization requests to the pushed authorization request endpoint",
                    "https://www.rfc-editor.org/rfc/rfc9126#section-4"), request);
        }
    }
}
