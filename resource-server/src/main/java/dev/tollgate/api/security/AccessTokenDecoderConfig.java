package dev.tollgate.api.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.web.client.RestTemplate;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.limits.IntrospectionBudget;

/**
 * How access tokens are checked. JWT access tokens are validated locally (RFC 9068): signature by a key from the issuer's JWK set (RS256 or
 * ES256 only, so {@code none} and HMAC tokens fail), {@code typ: at+jwt}, {@code iss}, our {@code aud},
 * {@code exp}/{@code nbf} within the configured clock skew, and the presence of {@code sub}, {@code iat},
 * {@code jti} and {@code client_id}.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfig {

    private static final Duration INTROSPECTION_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration INTROSPECTION_READ_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Opaque tokens are checked by asking the auth server (RFC 7662), as client {@code resource-server}, at most
     * {@code unknown-tokens-per-address} times per caller address (all instances together) for tokens that turn out
     * not to be active; answers are reused for a while.
     */
    @Bean
    CachingIntrospector opaqueTokenIntrospector(ApiProperties properties, IntrospectionBudget budget, Clock clock) {
        ApiProperties.Introspection client = properties.api().introspection();
        OpaqueTokenIntrospector introspector =
                new SpringOpaqueTokenIntrospector(properties.introspectionUri(), introspectionClient(client));
        return new CachingIntrospector(
                new AudienceCheckingIntrospector(introspector, properties.issuer().toString(), properties.api().audience()),
                budget,
                client.cacheTtl(), client.inactiveCacheTtl(), clock);
    }

    /**
     * Client authentication per RFC 6749 §2.3.1 (form-encoded, then Basic); short timeouts so that a hanging
     * auth server turns into a quick 503 instead of piling up requests.
     */
    private static RestTemplate introspectionClient(ApiProperties.Introspection client) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(INTROSPECTION_CONNECT_TIMEOUT);
        requests.setReadTimeout(INTROSPECTION_READ_TIMEOUT);
        RestTemplate rest = new RestTemplate(requests);
        rest.getInterceptors().add(new BasicAuthenticationInterceptor(formEncoded(client.clientId()),
                formEncoded(client.clientSecret() == null ? "" : client.clientSecret())));
        return rest;
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The verified JWTs and the introspection answers; the cache of verified JWTs is no bean of its own, since an
     * {@code AuthenticationManager} bean would become Spring Security's global one.
     */
    @Bean
    AccessTokenCaches accessTokenCaches(JwtDecoder accessTokenDecoder, CachingIntrospector opaqueTokenIntrospector,
            ApiProperties properties, Clock clock, ObjectProvider<AccessTokenDenyList> denyList) {
        VerifiedJwtCache verifiedJwts = BearerTokenAuthenticationManager.verifiedJwts(accessTokenDecoder,
                properties.api().verifiedJwtCacheTtl(), clock, denyList.getIfAvailable(() -> AccessTokenDenyList.NONE));
        return new AccessTokenCaches(verifiedJwts, opaqueTokenIntrospector);
    }

    @Bean
    JwtDecoder accessTokenDecoder(ApiProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(issuerKeys(properties))
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(accessTokenValidator(properties, clock));
        return decoder;
    }

    /**
     * Nothing is fetched until the first token arrives, so the API starts while the authorization server
     * is down. Nimbus then caches the set for 5 minutes, refetches it when a token names an unknown
     * {@code kid} (key rotation), but at most twice per 30 seconds so that forged kids cannot flood the
     * authorization server, and retries a failed fetch once.
     */
    private static JWKSource<SecurityContext> issuerKeys(ApiProperties properties) {
        return JWKSourceBuilder.<SecurityContext>create(toUrl(properties.jwkSetUri()))
                .retrying(true)
                .build();
    }

    private static OAuth2TokenValidator<Jwt> accessTokenValidator(ApiProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.api().clockSkew());
        timestamps.setClock(clock);
        return JwtValidators.createAtJwtValidator()
                .issuer(properties.issuer().toString())
                .audience(properties.api().audience())
                .validators(validators -> {
                    validators.put(JwtClaimNames.EXP,
                            new DelegatingOAuth2TokenValidator<>(present(JwtClaimNames.EXP), timestamps));
                    validators.put(JwtClaimNames.IAT, present(JwtClaimNames.IAT));
                    // any client may call the API, but the token must say which one it was issued to
                    validators.put("client_id", present("client_id"));
                })
                .build();
    }

    private static OAuth2TokenValidator<Jwt> present(String claim) {
        return new JwtClaimValidator<>(claim, Objects::nonNull);
    }

    private static URL toUrl(String uri) {
        try {
            return URI.create(uri).toURL();
        } catch (MalformedURLException | IllegalArgumentException invalid) {
            throw new IllegalStateException("tollgate.issuer does not give a valid JWK set URL: " + uri, invalid);
        }
    }
}
