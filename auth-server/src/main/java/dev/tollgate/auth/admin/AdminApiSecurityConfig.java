package dev.tollgate.auth.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.authorize.AdminOnlyScopes;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * The admin plane, {@code /admin/api/**} and {@code /scim/v2/**}: programs with a bearer access token (RFC 6750)
 * holding scope {@code tollgate.admin}. No session and no cookie, so no CSRF either: a browser sends nothing that
 * would authenticate it here. The SCIM discovery resources answer without a token (RFC 7644 §4). The HTML console at
 * {@code /admin} stays on the hosted pages' chain (role ADMIN, signed in).
 */
@Configuration(proxyBeanMethods = false)
public class AdminApiSecurityConfig {

    /** The authority Spring Security derives from the token's {@code scope}. */
    public static final String ADMIN_AUTHORITY = "SCOPE_" + AdminOnlyScopes.TOLLGATE_ADMIN;

    private static final String REALM = "tollgate-admin";

    /** RFC 6750 §3.1, naming the scope that is missing. */
    private static final String INSUFFICIENT_SCOPE = "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", "
            + "error_description=\"The access token lacks scope " + AdminOnlyScopes.TOLLGATE_ADMIN + "\", "
            + "scope=\"" + AdminOnlyScopes.TOLLGATE_ADMIN + "\"";

    @Bean
    @Order(FilterChainOrder.ADMIN_API)
    SecurityFilterChain adminApiSecurityFilterChain(HttpSecurity http,
            @Qualifier("accessTokenDecoder") JwtDecoder accessTokenDecoder, TokenFamilies tokens,
            AdminErrorBodies errorBodies) {
        AuthenticationEntryPoint noToken = new TokenRequired(errorBodies);
        AccessDeniedHandler noScope = (request, response, denied) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, INSUFFICIENT_SCOPE);
            errorBodies.write(request, response, HttpStatus.FORBIDDEN,
                    "This needs an access token with scope " + AdminOnlyScopes.TOLLGATE_ADMIN);
        };
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(AdminPaths.ADMIN_API + "/**"),
                        PathPatternRequestMatcher.withDefaults().matcher(AdminPaths.SCIM + "/**")))
                .headers(SecurityHeaders.everywhere())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .addFilterBefore(new FrameworkErrorsAsBodies(errorBodies), WebAsyncManagerIntegrationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(AdminPaths.SCIM_DISCOVERY).permitAll()
                        .anyRequest().hasAuthority(ADMIN_AUTHORITY))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(new ActiveAccessTokens(accessTokenDecoder, tokens)))
                        .authenticationEntryPoint(noToken)
                        .accessDeniedHandler(noScope))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(noToken)
                        .accessDeniedHandler(noScope));
        return http.build();
    }

    /**
     * 401 with RFC 6750's {@code WWW-Authenticate: Bearer} challenge (§3: with {@code error} only when a token was
     * sent) and a body saying what was wrong; a malformed Authorization header is a 400 {@code invalid_request}.
     */
    private static final class TokenRequired implements AuthenticationEntryPoint {

        private final AdminErrorBodies errorBodies;

        TokenRequired(AdminErrorBodies errorBodies) {
            this.errorBodies = errorBodies;
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                AuthenticationException failure) throws IOException {
            if (!(failure instanceof OAuth2AuthenticationException invalid)) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
                errorBodies.write(request, response, HttpStatus.UNAUTHORIZED, "This needs an access token with scope "
                        + AdminOnlyScopes.TOLLGATE_ADMIN + ": Authorization: Bearer <token>");
                return;
            }
            OAuth2Error error = invalid.getError();
            HttpStatus status = error instanceof BearerTokenError bearer
                    ? bearer.getHttpStatus() : HttpStatus.UNAUTHORIZED;
            String description = error.getDescription() == null ? "The access token cannot be used"
                    : error.getDescription();
            // RFC 6750 §3: the description is a quoted string without quotes or backslashes
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\", error=\""
                    + error.getErrorCode() + "\", error_description=\"" + description.replaceAll("[\"\\\\]", "'")
                    + "\"");
            errorBodies.write(request, response, status, description);
        }
    }
}
