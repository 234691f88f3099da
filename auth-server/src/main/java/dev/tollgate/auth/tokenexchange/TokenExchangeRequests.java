package dev.tollgate.auth.tokenexchange;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenExchangeAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a token exchange request with Spring Authorization Server's converter, but answers a token type it does not
 * support ({@code urn:ietf:params:oauth:token-type:access_token} and {@code ...:jwt} are the supported ones) with
 * {@code invalid_request}, the error RFC 8693 §2.2.2 names for a request that is not valid; Spring would answer
 * {@code unsupported_token_type}, which RFC 7009 defines for revocation only.
 */
final class TokenExchangeRequests implements AuthenticationConverter {

    private final OAuth2TokenExchangeAuthenticationConverter delegate = new OAuth2TokenExchangeAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        try {
            return delegate.convert(request);
        }
        catch (OAuth2AuthenticationException refused) {
            OAuth2Error error = refused.getError();
            if (!OAuth2ErrorCodes.UNSUPPORTED_TOKEN_TYPE.equals(error.getErrorCode())) {
                throw refused;
            }
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    error.getDescription() + ": the supported token types are"
                            + " urn:ietf:params:oauth:token-type:access_token and urn:ietf:params:oauth:token-type:jwt",
                    error.getUri()));
        }
    }
}
