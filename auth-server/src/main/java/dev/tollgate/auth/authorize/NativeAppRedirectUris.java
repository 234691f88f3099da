package dev.tollgate.auth.authorize;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whether an authorization request's {@code redirect_uri} is one the client registered: the exact string (RFC 9700
 * §4.1.3), with one exception, RFC 8252 §7.3: a native app (a public client) that registered an {@code http}
 * loopback IP redirect URI without a port may ask for it on any port, since it listens on whatever port the
 * operating system gives it. Spring Authorization Server's own check lets every client, confidential web
 * applications included, change the port of any loopback redirect URI, so a program on another port of the same
 * machine could receive their codes.
 */
public final class NativeAppRedirectUris {

    private static final Set<String> LOOPBACK_IPS = Set.of("127.0.0.1", "[::1]");

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

    private NativeAppRedirectUris() {
    }

    public static boolean registered(RegisteredClient client, String redirectUri) {
        if (client.getRedirectUris().contains(redirectUri)) {
            return true;
        }
        UriComponents requested = parse(redirectUri);
        if (requested == null || !isPublic(client) || !isHttpLoopbackIp(requested)) {
            return false;
        }
        return client.getRedirectUris().stream()
                .map(NativeAppRedirectUris::parse)
                .filter(Objects::nonNull)
                .anyMatch(registered -> isHttpLoopbackIp(registered) && registered.getPort() == -1
                        && registered.getHost().equals(requested.getHost())
                        && Objects.equals(registered.getPath(), requested.getPath())
                        && Objects.equals(registered.getQuery(), requested.getQuery())
                        && requested.getUserInfo() == null && requested.getFragment() == null);
    }

    /**
     * The redirect URI check of the authorization endpoint, replacing Spring Authorization Server's
     * {@code DEFAULT_REDIRECT_URI_VALIDATOR}: a request whose redirect URI is not registered is refused with
     * {@code invalid_request} and never redirected. Without {@code redirect_uri}, the client's only registered URI
     * is used, except for OpenID Connect requests, which must name it.
     */
    public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator() {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            RegisteredClient client = context.getRegisteredClient();
            String redirectUri = request.getRedirectUri();
            boolean valid = StringUtils.hasText(redirectUri) ? registered(client, redirectUri)
                    : !request.getScopes().contains(OidcScopes.OPENID) && client.getRedirectUris().size() == 1;
            if (!valid) {
                OAuth2AuthorizationCodeRequestAuthenticationToken withoutRedirect =
                        new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                                request.getClientId(), (Authentication) request.getPrincipal(), null,
                                request.getState(), request.getScopes(), request.getAdditionalParameters());
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: redirect_uri", ERROR_URI),
                        withoutRedirect);
            }
        };
    }

    private static boolean isPublic(RegisteredClient client) {
        return client.getClientAuthenticationMethods().equals(Set.of(ClientAuthenticationMethod.NONE));
    }

    private static boolean isHttpLoopbackIp(UriComponents uri) {
        return "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK_IPS.contains(uri.getHost());
    }

    private static UriComponents parse(String uri) {
        try {
            return UriComponentsBuilder.fromUriString(uri).build();
        }
        catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
