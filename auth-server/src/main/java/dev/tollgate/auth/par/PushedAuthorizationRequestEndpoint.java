package dev.tollgate.auth.par;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2PushedAuthorizationRequestEndpointConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The pushed authorization request endpoint ({@code /oauth2/par}, RFC 9126) for confidential clients, authenticated
 * as at the token endpoint (a public client has no credentials and gets {@code 401 invalid_client}). The request is
 * checked by the authorization endpoint's rules ({@code requestRules}) and Spring Authorization Server's (grant
 * type, PKCE, {@code prompt}), then kept by {@link PushedRequests} for {@link PushedRequests#LIFETIME}; the
 * answer is {@code 201} with {@code request_uri} and {@code expires_in} (RFC 9126 section 2.2).
 */
@Component
public class PushedAuthorizationRequestEndpoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OAuth2AuthorizationService authorizations;

    private final PushedRequests pushedRequests;

    public PushedAuthorizationRequestEndpoint(OAuth2AuthorizationService authorizations,
            PushedRequests pushedRequests) {
        this.authorizations = authorizations;
        this.pushedRequests = pushedRequests;
    }

    /** For {@code pushedAuthorizationRequestEndpoint(...)}. */
    public void customize(OAuth2PushedAuthorizationRequestEndpointConfigurer endpoint,
            Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> requestRules) {
        OAuth2PushedAuthorizationRequestAuthenticationProvider push =
                new OAuth2PushedAuthorizationRequestAuthenticationProvider(new ExpiringPushes());
        push.setAuthenticationValidator(requestRules);
        endpoint.authenticationProviders(providers -> providers.replaceAll(provider ->
                        provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider ? push : provider))
                .pushedAuthorizationResponseHandler(PushedAuthorizationRequestEndpoint::answer);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2PushedAuthorizationRequestAuthenticationToken pushed =
                (OAuth2PushedAuthorizationRequestAuthenticationToken) authentication;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(OAuth2ParameterNames.REQUEST_URI, pushed.getRequestUri());
        body.put(OAuth2ParameterNames.EXPIRES_IN, PushedRequests.LIFETIME.toSeconds());
        response.setStatus(HttpStatus.CREATED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /**
     * The store as the push sees it: Spring Authorization Server's expiry of a {@code request_uri} (five minutes, by
     * the system clock) is replaced by Tollgate's, on the application's clock, which the authorization endpoint
     * checks ({@link PushedRequests#find}) before Spring Authorization Server ever sees the request.
     */
    private final class ExpiringPushes implements OAuth2AuthorizationService {

        @Override
        public void save(OAuth2Authorization pushed) {
            authorizations.save(OAuth2Authorization.from(pushed)
                    .attribute(PushedRequests.EXPIRES_AT, pushedRequests.expiryOfOnePushedNow().toString())
                    .build());
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            authorizations.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return authorizations.findById(id);
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return authorizations.findByToken(token, tokenType);
        }
    }
}
