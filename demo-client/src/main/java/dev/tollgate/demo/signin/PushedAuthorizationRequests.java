package dev.tollgate.demo.signin;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Signs in with a pushed authorization request (RFC 9126), which Spring Security's OAuth 2.0 client does not do by
 * itself: the request Spring Security would send through the browser (scopes, state, nonce, PKCE challenge) is
 * posted to Tollgate's {@code /oauth2/par} with the client secret, and the browser carries only {@code client_id}
 * and the {@code request_uri} it answered. Nothing of the request can be read or changed on its way through the
 * browser. When Tollgate cannot be reached, the browser goes to the home page, which says the sign-in failed.
 */
public final class PushedAuthorizationRequests implements OAuth2AuthorizationRequestResolver {

    private static final Logger log = LoggerFactory.getLogger(PushedAuthorizationRequests.class);

    private final OAuth2AuthorizationRequestResolver plainRequests;

    private final ClientRegistration tollgate;

    private final String pushEndpoint;

    private final RestClient http;

    public PushedAuthorizationRequests(ClientRegistrationRepository registrations, String pushEndpoint,
            RestClient http) {
        this.plainRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        this.tollgate = registrations.findByRegistrationId(TollgateRegistration.ID);
        this.pushEndpoint = pushEndpoint;
        this.http = http;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return pushed(plainRequests.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return pushed(plainRequests.resolve(request, clientRegistrationId));
    }

    private OAuth2AuthorizationRequest pushed(OAuth2AuthorizationRequest plain) {
        if (plain == null) {
            return null;
        }
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>(UriComponentsBuilder
                .fromUriString(plain.getAuthorizationRequestUri()).build(true).getQueryParams());
        parameters.replaceAll((name, values) -> values.stream().map(PushedAuthorizationRequests::decode).toList());
        String requestUri;
        try {
            Map<String, Object> answer = http.post().uri(pushEndpoint)
                    .headers(headers -> headers.setBasicAuth(tollgate.getClientId(), tollgate.getClientSecret()))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(parameters)
                    .retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() { });
            requestUri = answer == null ? null : (String) answer.get(OAuth2ParameterNames.REQUEST_URI);
        }
        catch (RestClientException | ClassCastException failed) {
            log.warn("Tollgate did not take the pushed authorization request: {}", failed.getMessage());
            requestUri = null;
        }
        String browserGoesTo = requestUri == null ? SignInConfiguration.SIGN_IN_FAILED_URL
                : UriComponentsBuilder.fromUriString(plain.getAuthorizationUri())
                        .queryParam(OAuth2ParameterNames.CLIENT_ID, "{clientId}")
                        .queryParam(OAuth2ParameterNames.REQUEST_URI, "{requestUri}")
                        .encode().buildAndExpand(plain.getClientId(), requestUri).toUriString();
        return OAuth2AuthorizationRequest.from(plain).authorizationRequestUri(browserGoesTo).build();
    }

    private static String decode(String value) {
        return UriUtils.decode(value, StandardCharsets.UTF_8);
    }
}
