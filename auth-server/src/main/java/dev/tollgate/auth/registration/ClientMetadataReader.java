package dev.tollgate.auth.registration;

import java.io.IOException;

import tools.jackson.core.JacksonException;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2ClientRegistrationHttpMessageConverter;

/**
 * Reads client metadata (RFC 7591 §2) from a request body with Spring Authorization Server's own converter, which
 * types each value it knows. A body that is not a JSON object is {@code invalid_request}; a value of the wrong type
 * is {@code invalid_client_metadata}, with the converter's message, which names the field.
 */
public final class ClientMetadataReader {

    private static final OAuth2ClientRegistrationHttpMessageConverter METADATA =
            new OAuth2ClientRegistrationHttpMessageConverter();

    private ClientMetadataReader() {
    }

    public static OAuth2ClientRegistration read(HttpInputMessage body) {
        try {
            return METADATA.read(OAuth2ClientRegistration.class, body);
        }
        catch (HttpMessageNotReadableException | IOException unreadable) {
            Throwable cause = unreadable.getCause();
            if (cause == null || cause instanceof JacksonException || cause.getCause() instanceof JacksonException) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "the body must be the client's metadata as one JSON object (RFC 7591 section 2)", null));
            }
            // the converter's checks name one field by its Java name
            String message = String.valueOf(cause.getMessage()).replace("jwksUri", "jwks_uri");
            throw new OAuth2AuthenticationException(new OAuth2Error(ClientMetadataRules.INVALID_CLIENT_METADATA,
                    message, null));
        }
    }
}
