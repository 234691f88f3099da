package dev.tollgate.auth.console.clients;

import java.util.Arrays;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;

/** The kinds of client the console registers, as RFC 7591 metadata: the grant types and how the client authenticates. */
enum ClientKind {

    WEB("Web application (authorization code, refresh tokens, a secret)") {
        @Override
        void describe(OAuth2ClientRegistration.Builder metadata) {
            metadata.grantType(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
                    .grantType(AuthorizationGrantType.REFRESH_TOKEN.getValue())
                    .responseType("code")
                    .tokenEndpointAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
        }
    },

    SERVICE("Service (client credentials, a secret)") {
        @Override
        void describe(OAuth2ClientRegistration.Builder metadata) {
            metadata.grantType(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                    .tokenEndpointAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
        }
    },

    PUBLIC("Native or browser app (authorization code with PKCE, no secret)") {
        @Override
        void describe(OAuth2ClientRegistration.Builder metadata) {
            metadata.grantType(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
                    .responseType("code")
                    .tokenEndpointAuthenticationMethod(ClientAuthenticationMethod.NONE.getValue());
        }
    };

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    abstract void describe(OAuth2ClientRegistration.Builder metadata);

    static ClientKind named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Choose the kind of client."));
    }
}
