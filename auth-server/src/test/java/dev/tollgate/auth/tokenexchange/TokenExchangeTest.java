package dev.tollgate.auth.tokenexchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.RecordedEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredSecurityEvents;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.testsupport.TestClock;

/**
 * Token exchange (RFC 8693) as a gateway does it with the Nimbus OAuth 2.0 SDK: a user's access token, JWT or opaque,
 * becomes a token of the same user for the API, no wider in scope, naming the gateway in {@code act}; and every
 * refusal the RFC and Tollgate's rules ask for.
 */
@AuthServerTest
class TokenExchangeTest extends HttpTest {

    static final String GATEWAY = "demo-gateway";

    static final String GATEWAY_SECRET = "demo-gateway-secret";

    /** Copies of demo clients that differ in one setting; each one's secret is its id and "-secret". */
    static final String OPAQUE_WEB = "te-web-opaque";

    static final String SECOND_GATEWAY = "te-second-gateway";

    static final String OPAQUE_GATEWAY = "te-opaque-gateway";

    static final String IMPERSONATOR = "te-impersonator";

    static final String ALICE_SCOPES = "openid profile books.read";

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    TestClock clock;

    @Autowired
    StoredSecurityEvents auditTrail;

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
        copy("demo-web", OPAQUE_WEB, client -> client.tokenSettings(
                TokenSettings.withSettings(client.build().getTokenSettings().getSettings())
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE).build()));
        copy(GATEWAY, SECOND_GATEWAY, client -> { });
        copy(GATEWAY, OPAQUE_GATEWAY, client -> client.tokenSettings(
                TokenSettings.withSettings(client.build().getTokenSettings().getSettings())
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE).build()));
        copy(GATEWAY, IMPERSONATOR, client -> client.clientSettings(ClientSettings.builder()
                .setting(TollgateClientSettings.TOKEN_EXCHANGE_IMPERSONATION, true).build()));
    }

    @Test
    void aUsersJwtBecomesATokenOfTheSameUserForTheApiNamingTheGatewayAsActor() throws Exception {
        Instant since = clock.instant();
        String alice = aliceAccessToken(Client.DEMO_WEB);
        JWTClaimsSet aliceClaims = SignedTokens.verified(alice, http).getJWTClaimsSet();

        AccessTokenResponse exchanged = exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice),
                TokenTypeURI.ACCESS_TOKEN), null).toSuccessResponse();

        assertThat(exchanged.getTokens().getAccessToken().getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        assertThat(exchanged.getTokens().getAccessToken().getType().getValue()).isEqualTo("Bearer");
        assertThat(exchanged.getTokens().getRefreshToken()).isNull();
        SignedJWT token = SignedTokens.verified(exchanged.getTokens().getAccessToken().getValue(), http);
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(claims.getSubject()).isEqualTo(aliceClaims.getSubject());
        assertThat(claims.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(claims.getAudience()).containsExactly(AuthServerTest.API_AUDIENCE);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(GATEWAY);
        assertThat(claims.getStringClaim("scope")).as("alice's scopes that the gateway may have").isEqualTo("books.read");
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getClaims()).as("as in the code flow: the username only with scope profile")
                .doesNotContainKey("preferred_username");
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", GATEWAY));

        RecordedEvent issued = auditedIssue(since);
        assertThat(issued.user()).isEqualTo(aliceClaims.getSubject());
        assertThat(issued.details()).containsEntry("grant_type", AuthorizationGrantType.TOKEN_EXCHANGE.getValue())
                .containsEntry("actor", GATEWAY).containsEntry("delegation", "act")
                .containsEntry("scope", "books.read");
    }

    /** The audit trail's writer flushes every 250 ms: asks again a little later until the event is there. */
    private RecordedEvent auditedIssue(Instant since) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<RecordedEvent> found = auditTrail.find(
                    new EventQuery(SecurityEventType.TOKEN_ISSUED, null, GATEWAY, since, null), 0, 10).content();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime() - deadline).as("TOKEN_ISSUED in the audit trail").isNegative();
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void introspectionShowsTheActorOfAnExchangedToken() throws Exception {
        String exchanged = exchangedFor(GATEWAY, aliceAccessToken(Client.DEMO_WEB));

        Reply introspection = http.introspect(exchanged);

        assertThat(introspection.field("active")).isEqualTo("true");
        assertThat(introspection.field("client_id")).isEqualTo(GATEWAY);
        assertThat(introspection.field("username")).isEqualTo("alice");
        assertThat(introspection.json().get("act").toString()).isEqualTo("{\"sub\":\"" + GATEWAY + "\"}");
    }

    @Test
    void anOpaqueSubjectTokenIsExchangedAndAnOpaqueTokenIsIssuedToAGatewayThatGetsThem() throws Exception {
        String alice = aliceAccessToken(new Client(OPAQUE_WEB, secretOf(OPAQUE_WEB), AuthServerTest.DEMO_WEB_REDIRECT_URI));
        assertThat(alice).doesNotContain(".");
        String aliceSub = http.introspect(alice).field("sub");

        String exchanged = exchangedFor(OPAQUE_GATEWAY, alice);

        assertThat(exchanged).matches("[A-Za-z0-9_-]{128}");
        Reply introspection = http.introspect(exchanged);
        assertThat(introspection.field("active")).isEqualTo("true");
        assertThat(introspection.field("sub")).isEqualTo(aliceSub);
        assertThat(introspection.field("scope")).isEqualTo("books.read");
        assertThat(introspection.json().get("roles").toString()).isEqualTo("[\"USER\"]");
        assertThat(introspection.json().get("act").toString()).isEqualTo("{\"sub\":\"" + OPAQUE_GATEWAY + "\"}");
    }

    @Test
    void exchangingAnExchangedTokenNestsTheEarlierActor() throws Exception {
        String viaGateway = exchangedFor(GATEWAY, aliceAccessToken(Client.DEMO_WEB));

        String viaSecond = exchangedFor(SECOND_GATEWAY, viaGateway);

        assertThat(SignedTokens.verified(viaSecond, http).getJWTClaimsSet().getJSONObjectClaim("act"))
                .isEqualTo(Map.of("sub", SECOND_GATEWAY, "act", Map.of("sub", GATEWAY)));
    }

    @Test
    void withItsOwnTokenAsActorTokenTheGatewayGetsTheSameDelegation() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);
        String own = http.clientCredentials(GATEWAY, GATEWAY_SECRET, null).field("access_token");

        AccessTokenResponse exchanged = exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice),
                TokenTypeURI.ACCESS_TOKEN, new TypelessToken(own), TokenTypeURI.ACCESS_TOKEN, null, null), null)
                .toSuccessResponse();

        assertThat(SignedTokens.verified(exchanged.getTokens().getAccessToken().getValue(), http).getJWTClaimsSet()
                .getJSONObjectClaim("act")).isEqualTo(Map.of("sub", GATEWAY));
    }

    @Test
    void anotherClientsTokenIsNoActorTokenForTheGateway() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);
        String someoneElse = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");

        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN,
                new TypelessToken(someoneElse), TokenTypeURI.ACCESS_TOKEN, null, null), null), "invalid_grant");
        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN,
                new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN, null, null), null), "invalid_grant");
    }

    @Test
    void onlyAClientAllowedToImpersonateGetsATokenWithoutAct() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);

        String impersonating = exchangedFor(IMPERSONATOR, alice);
        String delegated = exchangedFor(GATEWAY, alice);

        assertThat(SignedTokens.verified(impersonating, http).getJWTClaimsSet().getClaims()).doesNotContainKey("act");
        assertThat(SignedTokens.verified(delegated, http).getJWTClaimsSet().getJSONObjectClaim("act"))
                .isEqualTo(Map.of("sub", GATEWAY));
        String own = http.clientCredentials(IMPERSONATOR, secretOf(IMPERSONATOR), null).field("access_token");
        AccessTokenResponse withActorToken = exchange(IMPERSONATOR, new TokenExchangeGrant(new TypelessToken(alice),
                TokenTypeURI.ACCESS_TOKEN, new TypelessToken(own), TokenTypeURI.ACCESS_TOKEN, null, null), null)
                .toSuccessResponse();
        assertThat(SignedTokens.verified(withActorToken.getTokens().getAccessToken().getValue(), http)
                .getJWTClaimsSet().getJSONObjectClaim("act")).isEqualTo(Map.of("sub", IMPERSONATOR));
    }

    @Test
    void aRequestedScopeNarrowsTheTokenAndAWiderOneIsInvalidScope() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN);

        assertThat(exchange(GATEWAY, grant, new Scope("books.read")).indicatesSuccess()).isTrue();
        assertRefused(exchange(GATEWAY, grant, new Scope("profile")), "invalid_scope");
        assertRefused(exchange(GATEWAY, grant, new Scope("books.read", "books.write")), "invalid_scope");
    }

    @Test
    void aSubjectTokenWithoutAScopeTheGatewayMayHaveIsInvalidScope() throws Exception {
        String alice = grants.aliceTokens(Client.DEMO_WEB, "openid profile").field("access_token");

        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN),
                null), "invalid_scope");
    }

    @Test
    void aClientWithoutTheGrantTypeIsUnauthorizedClient() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);

        TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint(),
                new ClientSecretBasic(new ClientID("demo-service"), new Secret("demo-service-secret")),
                new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN), null)
                .toHTTPRequest().send());

        assertRefused(response, "unauthorized_client");
    }

    @Test
    void aRevokedSubjectTokenIsInvalidGrant() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);
        grants.revoke(Client.DEMO_WEB, alice);

        assertRefused(exchangeForGateway(alice), "invalid_grant");
    }

    @Test
    void anExpiredSubjectTokenIsInvalidGrant() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);

        clock.advance(Duration.ofMinutes(6));

        assertRefused(exchangeForGateway(alice), "invalid_grant");
    }

    @Test
    void aForeignOrUnknownSubjectTokenIsInvalidGrant() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);
        JWTClaimsSet aliceClaims = SignedTokens.verified(alice, http).getJWTClaimsSet();
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID(SignedJWT.parse(alice).getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(foreignKey.getKeyID()).build(), aliceClaims);
        forged.sign(new RSASSASigner(foreignKey));

        assertRefused(exchangeForGateway(forged.serialize()), "invalid_grant");
        assertRefused(exchangeForGateway("never-issued-here"), "invalid_grant");
    }

    @Test
    void aClientsOwnTokenIsNoSubjectToken() throws Exception {
        String jwt = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
        String opaque = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                .field("access_token");
        String gatewaysOwn = http.clientCredentials(GATEWAY, GATEWAY_SECRET, null).field("access_token");

        assertRefused(exchangeForGateway(jwt), "invalid_grant");
        assertRefused(exchangeForGateway(opaque), "invalid_grant");
        assertRefused(exchangeForGateway(gatewaysOwn), "invalid_grant");
    }

    @Test
    void aRefreshTokenOrAnUnsupportedTokenTypeIsRefused() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, ALICE_SCOPES);

        assertRefused(exchangeForGateway(tokens.field("refresh_token")), "invalid_grant");
        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(tokens.field("id_token")),
                TokenTypeURI.ID_TOKEN), null), "invalid_request");
        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(tokens.field("access_token")),
                TokenTypeURI.REFRESH_TOKEN), null), "invalid_request");
    }

    @Test
    void anotherAudienceIsInvalidTarget() throws Exception {
        String alice = aliceAccessToken(Client.DEMO_WEB);

        assertRefused(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN,
                null, null, null, List.of(new Audience("https://elsewhere.example"))), null), "invalid_target");
        assertThat(exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN,
                null, null, null, List.of(new Audience(AuthServerTest.API_AUDIENCE))), null).indicatesSuccess())
                .isTrue();
    }

    @Test
    void theGatewayRevokesAnExchangedTokenAndTheTokenIsInactive() throws Exception {
        String exchanged = exchangedFor(GATEWAY, aliceAccessToken(Client.DEMO_WEB));

        grants.revoke(new Client(GATEWAY, GATEWAY_SECRET, null), exchanged);

        assertThat(grants.isActive(exchanged)).isFalse();
    }

    @Test
    void aGatewayRegisteredDynamicallyExchangesTokensUnderTheSameRules() throws Exception {
        String registrar = http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
        Reply registered = http.postJson("/oauth2/register", registrar, """
                {"client_name": "Books Gateway", "scope": "books.read",
                 "grant_types": ["client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"]}
                """);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String gateway = registered.field("client_id");
        String alice = aliceAccessToken(Client.DEMO_WEB);

        TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(gateway), new Secret(registered.field("client_secret"))),
                new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN), null)
                .toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(SignedTokens.verified(response.toSuccessResponse().getTokens().getAccessToken().getValue(), http)
                .getJWTClaimsSet().getJSONObjectClaim("act")).isEqualTo(Map.of("sub", gateway));
    }

    @Test
    void signingOutAtTollgateEndsTheTokensExchangedFromThatSessionsGrants() throws Exception {
        String otherSession = exchangedFor(GATEWAY, aliceAccessToken(Client.DEMO_WEB));
        try (Browser browser = new Browser(http.baseUrl())) {
            String alice = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password",
                    ALICE_SCOPES)).field("access_token");
            String viaGateway = exchangedFor(GATEWAY, alice);
            String viaSecond = exchangedFor(SECOND_GATEWAY, viaGateway);

            browser.click(browser.open("/logout"), "sign-out");

            assertThat(grants.isActive(viaGateway)).isFalse();
            assertThat(grants.isActive(viaSecond)).as("exchanged from an exchanged token").isFalse();
        }
        assertThat(grants.isActive(otherSession)).as("from another browser session's grant").isTrue();
    }

    @Test
    void refreshTokenReuseEndsTheTokensExchangedFromThatGrant() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, ALICE_SCOPES);
        String viaGateway = exchangedFor(GATEWAY, tokens.field("access_token"));
        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).status()).isEqualTo(200);
        assertThat(grants.isActive(viaGateway)).as("a refresh leaves it alone").isTrue();

        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).field("error"))
                .isEqualTo("invalid_grant");

        assertThat(grants.isActive(viaGateway)).isFalse();
        assertRefused(exchangeForGateway(tokens.field("access_token")), "invalid_grant");
    }

    @Test
    void bothDiscoveryDocumentsAdvertiseTheGrantType() {
        for (String document : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            assertThat(http.get(document).json().get("grant_types_supported").toString())
                    .contains(AuthorizationGrantType.TOKEN_EXCHANGE.getValue());
        }
    }

    String aliceAccessToken(Client client) throws Exception {
        return grants.aliceTokens(client, ALICE_SCOPES).field("access_token");
    }

    String exchangedFor(String gateway, String subjectToken) throws Exception {
        TokenResponse response = exchange(gateway,
                new TokenExchangeGrant(new TypelessToken(subjectToken), TokenTypeURI.ACCESS_TOKEN), null);
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
                .isTrue();
        return response.toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    TokenResponse exchangeForGateway(String subjectToken) throws Exception {
        return exchange(GATEWAY, new TokenExchangeGrant(new TypelessToken(subjectToken), TokenTypeURI.ACCESS_TOKEN),
                null);
    }

    TokenResponse exchange(String gateway, TokenExchangeGrant grant, Scope scope) throws Exception {
        return TokenResponse.parse(new TokenRequest(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(gateway), new Secret(secretOf(gateway))), grant, scope)
                .toHTTPRequest().send());
    }

    static void assertRefused(TokenResponse response, String error) {
        assertThat(response.indicatesSuccess()).as("refused with " + error).isFalse();
        ErrorObject refusal = ((TokenErrorResponse) response).getErrorObject();
        assertThat(refusal.getCode()).as(refusal.toString()).isEqualTo(error);
        assertThat(refusal.getHTTPStatusCode()).isEqualTo(400);
    }

    static String secretOf(String clientId) {
        return GATEWAY.equals(clientId) ? GATEWAY_SECRET : clientId + "-secret";
    }

    URI tokenEndpoint() {
        return URI.create(http.baseUrl() + "/oauth2/token");
    }

    private void copy(String original, String clientId, java.util.function.Consumer<RegisteredClient.Builder> change) {
        RegisteredClient source = clients.findByClientId(original);
        RegisteredClient.Builder copy = RegisteredClient.from(source).id(clientId).clientId(clientId)
                .clientSecret(SecretDigest.stored(secretOf(clientId)));
        change.accept(copy);
        clients.save(copy.build());
    }
}
