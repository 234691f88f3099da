package dev.tollgate.auth.registration;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.http.converter.OidcClientRegistrationHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.auth.registration.RegisteredClients.Changer;

/**
 * RFC 7592 update ({@code PUT}) and delete ({@code DELETE}) at {@code /connect/register?client_id=}, beside Spring
 * Authorization Server's read ({@code GET}), with the same token rules: the registration access token from the
 * registration answer, active, with exactly the scope {@code client.read}, issued to this very client. Any other
 * token is {@code 401 invalid_token} ({@code 403 insufficient_scope} without {@code client.read}), as is a client
 * that no longer exists (RFC 7592 §2). An update replaces the metadata under the registrar's rules and keeps the
 * client's secret and registration access token; a client switching to a secret method gets a new secret in the
 * answer. A delete answers {@code 204} and revokes the client's tokens, its registration access token included.
 */
final class ClientConfigurationChanges extends OncePerRequestFilter {

    private static final String CLIENT_READ_SCOPE = "client.read";

    private final RequestMatcher changes;

    private final RequestMatcher rfc7591Endpoint;

    private final String endpoint;

    private final RegisteredClients clients;

    private final OAuth2AuthorizationService authorizations;

    private final OidcClientRegistrationHttpMessageConverter metadata = new OidcClientRegistrationHttpMessageConverter();

    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    ClientConfigurationChanges(AuthorizationServerSettings endpoints, RegisteredClients clients,
            OAuth2AuthorizationService authorizations) {
        this.changes = matcher(endpoints);
        this.rfc7591Endpoint = PathPatternRequestMatcher.withDefaults().matcher(endpoints.getClientRegistrationEndpoint());
        this.endpoint = endpoints.getOidcClientRegistrationEndpoint();
        this.clients = clients;
        this.authorizations = authorizations;
    }

    /**
     * {@code PUT} and {@code DELETE} on the OpenID Connect registration endpoint; and, so that it is no side door with
     * rules of its own, any method but {@code POST} on the RFC 7591 one, which has no client configuration endpoint.
     */
    static RequestMatcher matcher(AuthorizationServerSettings endpoints) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        String oidc = endpoints.getOidcClientRegistrationEndpoint();
        String oauth = endpoints.getClientRegistrationEndpoint();
        return new OrRequestMatcher(paths.matcher(HttpMethod.PUT, oidc), paths.matcher(HttpMethod.DELETE, oidc),
                paths.matcher(HttpMethod.GET, oauth), paths.matcher(HttpMethod.PUT, oauth),
                paths.matcher(HttpMethod.DELETE, oauth));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!changes.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        try {
            if (rfc7591Endpoint.matches(request)) {
                response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
                refuse(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "a registration is read, updated and deleted"
                        + " at " + endpoint + "?client_id= (RFC 7592)", null), HttpStatus.METHOD_NOT_ALLOWED, response);
                return;
            }
            if (!StringUtils.hasText(clientId)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "client_id is required", null));
            }
            authorizedFor(clientId, SecurityContextHolder.getContext().getAuthentication());
            if (HttpMethod.DELETE.matches(request.getMethod())) {
                if (!clients.remove(clientId, clientId)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
                }
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return;
            }
            RegisteredClients.Change change = clients.replace(clientId,
                            ClientMetadataReader.read(new ServletServerHttpRequest(request)), Changer.CLIENT, clientId)
                    .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
            ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
            answer.setStatusCode(HttpStatus.OK);
            metadata.write(answer(change), null, answer);
        }
        catch (OAuth2AuthenticationException refused) {
            refuse(refused.getError(), statusOf(refused.getError()), response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The same checks as Spring Authorization Server's configuration read, with {@code invalid_token} throughout. */
    private void authorizedFor(String clientId, Authentication authentication) {
        if (!(authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer) || !bearer.isAuthenticated()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
        OAuth2Authorization authorization =
                authorizations.findByToken(bearer.getToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || !accessToken.isActive()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
        Object scope = accessToken.getClaims() == null ? null : accessToken.getClaims().get(OAuth2ParameterNames.SCOPE);
        Collection<?> scopes = scope instanceof Collection<?> granted ? granted : Set.of();
        if (!scopes.contains(CLIENT_READ_SCOPE)) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INSUFFICIENT_SCOPE);
        }
        RegisteredClient client = clients.find(clientId).orElse(null);
        if (scopes.size() != 1 || client == null || !client.getId().equals(authorization.getRegisteredClientId())) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
    }

    private static OidcClientRegistration answer(RegisteredClients.Change change) {
        OidcClientRegistration configuration = ClientMetadataResponses.configuration(change.client());
        return change.secret() == null ? configuration
                : OidcClientRegistration.withClaims(configuration.getClaims())
                        .claim(OAuth2ClientMetadataClaimNames.CLIENT_SECRET, change.secret())
                        .clientSecretExpiresAt(Instant.EPOCH)
                        .build();
    }

    private static HttpStatus statusOf(OAuth2Error error) {
        return switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private void refuse(OAuth2Error error, HttpStatus status, HttpServletResponse response) throws IOException {
        ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
        answer.setStatusCode(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        errors.write(error, null, answer);
    }
}
