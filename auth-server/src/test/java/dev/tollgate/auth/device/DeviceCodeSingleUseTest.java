package dev.tollgate.auth.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.testsupport.TestClock;

/** An approved device code polled by several requests at the same moment gives one token (RFC 8628 §3.5). */
@AuthServerTest
class DeviceCodeSingleUseTest extends HttpTest {

    @Autowired
    TestClock clock;

    @Test
    void parallelPollsWithAnApprovedDeviceCodeGetOneTokenAndInvalidGrant() throws IOException {
        clock.advance(Duration.ofMinutes(-1));
        DeviceClient demoCli = new DeviceClient(http.baseUrl(), "demo-cli");
        DeviceAuthorizationSuccessResponse device = demoCli.authorize("books.read");
        DeviceBrowser.approve(http.baseUrl(), device.getUserCode().getValue(), "alice", "alice-password");
        clock.advance(Duration.ofSeconds(5));

        List<String> outcomes = Concurrently.times(8, () -> demoCli.pollOutcome(device.getDeviceCode()));

        assertThat(outcomes).as(outcomes.toString()).containsOnlyOnce("token");
        assertThat(outcomes.stream().filter(outcome -> !outcome.equals("token")))
                .containsOnly("invalid_grant").hasSize(7);
    }
}
