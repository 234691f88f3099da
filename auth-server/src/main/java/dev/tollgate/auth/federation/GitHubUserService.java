package dev.tollgate.auth.federation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.tollgate.auth.audit.LogValues;

/**
 * GitHub, the one plain OAuth 2.0 provider: its {@code /user} shows a public address, verified or not. Only
 * {@code /user/emails} says which address is primary and verified; that one is the email Tollgate may trust.
 */
class GitHubUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    private static final Logger log = LoggerFactory.getLogger(GitHubUserService.class);

    private static final ParameterizedTypeReference<List<Map<String, Object>>> EMAILS = new ParameterizedTypeReference<>() {
    };

    private final DefaultOAuth2UserService users = new DefaultOAuth2UserService();

    private final RestClient rest;

    GitHubUserService() {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(5_000);
        timeouts.setReadTimeout(10_000);
        this.rest = RestClient.builder().requestFactory(timeouts).build();
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        OAuth2User user = users.loadUser(request);
        Map<String, Object> attributes = new HashMap<>(user.getAttributes());
        attributes.put(StandardClaimNames.EMAIL_VERIFIED, false);
        primaryVerifiedEmail(request).ifPresent(email -> {
            attributes.put(StandardClaimNames.EMAIL, email);
            attributes.put(StandardClaimNames.EMAIL_VERIFIED, true);
        });
        String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                .getUserNameAttributeName();
        return new DefaultOAuth2User(user.getAuthorities(), attributes, nameAttribute);
    }

    private Optional<String> primaryVerifiedEmail(OAuth2UserRequest request) {
        String userInfoUri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri();
        try {
            List<Map<String, Object>> emails = rest.get().uri(userInfoUri + "/emails")
                    .headers(headers -> headers.setBearerAuth(request.getAccessToken().getTokenValue()))
                    .header("Accept", "application/vnd.github+json")
                    .retrieve()
                    .body(EMAILS);
            return emails == null ? Optional.empty() : emails.stream()
                    .filter(email -> Boolean.TRUE.equals(email.get("primary")) && Boolean.TRUE.equals(email.get("verified")))
                    .map(email -> String.valueOf(email.get("email")))
                    .findFirst();
        }
        catch (RestClientException unavailable) {
            // The sign-in still works; the address just counts as unverified.
            log.warn("GitHub /user/emails failed: {}", LogValues.escaped(unavailable.getMessage()));
            return Optional.empty();
        }
    }
}
