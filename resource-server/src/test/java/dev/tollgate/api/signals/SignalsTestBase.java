package dev.tollgate.api.signals;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.security.AccessTokenCaches;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;
import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared API context, subscribed to the fake auth server's Shared Signals; pushes SETs as the transmitter does. */
abstract class SignalsTestBase extends ApiTest {

    static final MediaType SECEVENT_JWT = MediaType.parseMediaType("application/secevent+jwt");

    @Autowired
    SignalsReceiver receiver;

    @Autowired
    DenyList denyList;

    @Autowired
    TestClock clock;

    @Autowired
    ApiProperties properties;

    @Autowired
    AccessTokenCaches caches;

    @BeforeEach
    void subscribed() {
        if (receiver.streamId() == null) {
            assertThat(receiver.subscribe()).as("subscribes once the auth server answers").isTrue();
        }
    }

    /** A receiver of its own (not the context's) with these settings, sharing the context's deny list. */
    SignalsReceiver newReceiver(ApiProperties.Signals settings) {
        ApiProperties api = new ApiProperties(properties.issuer(), new ApiProperties.Api(properties.api().audience(),
                properties.api().clockSkew(), properties.api().introspection(), properties.api().cors(),
                properties.api().users(), properties.api().maxRequestBody(), properties.api().verifiedJwtCacheTtl(),
                settings));
        return new SignalsReceiver(api, new Transmitter(api, clock), denyList, caches, clock);
    }

    ApiProperties.Signals settings(boolean failClosed) {
        ApiProperties.Signals given = properties.api().signals();
        return new ApiProperties.Signals(given.clientId(), given.clientSecret(), given.receiverUrl(),
                given.verificationInterval(), given.pollInterval(), given.maxLag(), failClosed, given.denyListTtl());
    }

    ApiResponse push(String set) {
        return push(set, streamSecret());
    }

    ApiResponse push(String set, String authorization) {
        return api.exchange(HttpMethod.POST, "/signals/events", headers -> {
            if (authorization != null) {
                headers.set(HttpHeaders.AUTHORIZATION, authorization);
            }
            headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        }, set, SECEVENT_JWT);
    }

    /**
     * What this context's receiver told the transmitter to send in Authorization (not the fake transmitter's last
     * one: other contexts of the suite subscribe to it too, each with a secret of its own).
     */
    String streamSecret() {
        return receiver.authorizationHeader();
    }

    static void assertAccepted(ApiResponse response) {
        assertThat(response.status()).as("push answered %s", response.body()).isEqualTo(202);
    }

    static void assertRefused(ApiResponse response, int status, String err) {
        assertThat(response.status()).as("push answered %s", response.body()).isEqualTo(status);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(response.text("err")).isEqualTo(err);
        assertThat(response.text("description")).isNotBlank();
    }
}
