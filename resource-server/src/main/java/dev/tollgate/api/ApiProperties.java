package dev.tollgate.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the authorization server is and what this API expects of the access tokens it issues. Every
 * {@code tollgate.*} setting of the resource server, each with its one default; {@link EnvironmentVariables} names
 * the environment variable of each.
 *
 * @param issuer the authorization server's issuer identifier ({@code AUTH_ISSUER}); the JWK set is read
 *               from {@code {issuer}/oauth2/jwks}
 * @param api    what a token must say to be accepted here
 */
@ConfigurationProperties("tollgate")
public record ApiProperties(@DefaultValue("http://localhost:9000") URI issuer, @DefaultValue Api api) {

    /**
     * @param audience       the {@code aud} every access token must carry ({@code API_AUDIENCE})
     * @param clockSkew      how far {@code exp} and {@code nbf} may be off the local clock
     * @param introspection  how this API authenticates to {@code {issuer}/oauth2/introspect} for opaque tokens
     * @param cors           which browser origins may call the API
     * @param users          how the users directory is kept
     * @param maxRequestBody the largest request body accepted; larger ones get 413
     * @param verifiedJwtCacheTtl how long a JWT that passed every check is remembered (never past its
     *                            {@code exp}): the longest a key withdrawn from the JWK set is still trusted
     * @param signals        how this API receives revocations from the auth server (README "Shared Signals receiver")
     */
    public record Api(@DefaultValue("http://localhost:8080") String audience,
                      @DefaultValue("30s") Duration clockSkew,
                      @DefaultValue Introspection introspection,
                      @DefaultValue Cors cors,
                      @DefaultValue Users users,
                      @DefaultValue("64KB") DataSize maxRequestBody,
                      @DefaultValue("60s") Duration verifiedJwtCacheTtl,
                      @DefaultValue Signals signals) {
    }

    /**
     * The Shared Signals receiver (OpenID SSF 1.0): off unless {@code clientId} is set.
     *
     * @param clientId             the client this API manages its stream as (client_credentials, scope
     *                             {@code ssf.manage}); also the {@code aud} of the SETs it accepts
     * @param clientSecret         its secret
     * @param receiverUrl          this instance's base URL as the auth server reaches it; SETs are pushed to
     *                             {@code {receiverUrl}/signals/events}, one stream per instance
     * @param verificationInterval how often a verification event is asked for; one that has not arrived by the next
     *                             request means pushes stopped, and polling takes over
     * @param pollInterval         how often the stream is polled while pushes do not arrive, and how often the
     *                             receiver looks at its state at all
     * @param maxLag               how long the receiver may go without knowing it is in sync before it warns
     *                             (and, with {@code failClosed}, refuses older JWTs)
     * @param failClosed           above {@code maxLag}, refuse JWTs issued before the receiver was last in sync
     * @param denyListTtl          how long a revocation is remembered: at least the longest access-token lifetime
     *                             any client has, since a revoked token is refused only while this is remembered
     */
    public record Signals(String clientId, String clientSecret,
                          @DefaultValue("http://localhost:8080") URI receiverUrl,
                          @DefaultValue("10s") Duration verificationInterval,
                          @DefaultValue("2s") Duration pollInterval,
                          @DefaultValue("30s") Duration maxLag,
                          @DefaultValue("false") boolean failClosed,
                          @DefaultValue("1h") Duration denyListTtl) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }
    }

    /**
     * @param cacheTtl         how long an active introspection answer is reused (never past the token's
     *                         {@code exp}): the longest a revoked opaque token is still accepted
     * @param inactiveCacheTtl how long an inactive answer is reused (an inactive token never becomes active), so
     *                         one bad token repeated does not reach the auth server
     * @param unknownTokensPerAddress how many tokens that turn out not to be active one caller address may have
     *                         introspected per {@code unknownTokensPeriod}; beyond that, tokens this API does not
     *                         know yet get 429 from that address. Active tokens never count. So nobody can spend
     *                         this API's introspection budget at the auth server, nor deny opaque tokens to anyone.
     * @param unknownTokensPeriod the period of {@code unknownTokensPerAddress}
     */
    public record Introspection(@DefaultValue("resource-server") String clientId, String clientSecret,
                                @DefaultValue("5s") Duration cacheTtl,
                                @DefaultValue("30s") Duration inactiveCacheTtl,
                                @DefaultValue("60") long unknownTokensPerAddress,
                                @DefaultValue("1m") Duration unknownTokensPeriod) {
    }

    /** @param allowedOrigins exact origins (scheme://host[:port]) of browser apps; none by default */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param lastSeenInterval a user whose token says nothing new is written back at most this often, so
     *                         {@code lastSeen} is this coarse and a busy API does not write on every call
     */
    public record Users(@DefaultValue("60s") Duration lastSeenInterval) {
    }

    public String introspectionUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/introspect";
    }

    public String tokenUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/token";
    }

    public String authorizationUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/authorize";
    }

    public String ssfConfigurationUri() {
        return withoutTrailingSlash(issuer.toString()) + "/.well-known/ssf-configuration";
    }

    public String jwkSetUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/jwks";
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
