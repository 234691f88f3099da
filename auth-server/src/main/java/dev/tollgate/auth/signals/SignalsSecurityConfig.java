package dev.tollgate.auth.signals;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * The Shared Signals transmitter's endpoints: its metadata for anyone (SSF 1.0 §7.2), and stream management and
 * polling for bearer access tokens (RFC 6750) of the client_credentials grant holding {@value #MANAGE_SCOPE}, still
 * active (a revoked token stops at once). No session, no cookie, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
public class SignalsSecurityConfig {

    /** The scope a receiver's client needs to manage its streams and poll them. */
    public static final String MANAGE_SCOPE = "ssf.manage";

    /** SSF 1.0 §7.2: the transmitter's metadata. */
    public static final String CONFIGURATION_PATH = "/.well-known/ssf-configuration";

    /** Where the stream, status, verification and poll endpoints live. */
    public static final String BASE_PATH = "/ssf";

    @Bean
    @Order(FilterChainOrder.SHARED_SIGNALS)
    SecurityFilterChain sharedSignalsSecurityFilterChain(HttpSecurity http,
            @Qualifier("accessTokenDecoder") JwtDecoder accessTokenDecoder, TokenFamilies tokens) {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(CONFIGURATION_PATH),
                        PathPatternRequestMatcher.withDefaults().matcher(BASE_PATH + "/**")))
                .headers(SecurityHeaders.everywhere())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(CONFIGURATION_PATH).permitAll()
                        .anyRequest().hasAuthority("SCOPE_" + MANAGE_SCOPE))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(activeClientTokens(accessTokenDecoder, tokens)))
                        .authenticationEntryPoint(new BearerTokenAuthenticationEntryPoint())
                        .accessDeniedHandler(new BearerTokenAccessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new BearerTokenAuthenticationEntryPoint())
                        .accessDeniedHandler(new BearerTokenAccessDeniedHandler()));
        return http.build();
    }

    /**
     * A signed, unexpired access token of a client acting for itself (its {@code sub} is its {@code client_id}), that
     * its grant still holds active, as introspection would say.
     */
    private static JwtDecoder activeClientTokens(JwtDecoder signedTokens, TokenFamilies tokens) {
        return token -> {
            Jwt jwt = signedTokens.decode(token);
            if (jwt.getSubject() == null || !jwt.getSubject().equals(jwt.getClaimAsString("client_id"))) {
                throw new BadJwtException("Streams are managed with a client's own token (client_credentials)");
            }
            OAuth2Authorization authorization = tokens.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
            OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                    authorization == null ? null : authorization.getAccessToken();
            if (accessToken == null || !accessToken.isActive()) {
                throw new BadJwtException("The access token is not active: it was revoked or its grant has ended");
            }
            return jwt;
        };
    }
}
