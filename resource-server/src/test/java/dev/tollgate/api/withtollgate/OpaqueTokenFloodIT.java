package dev.tollgate.api.withtollgate;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.LoopbackCaller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of issue 16 against the real Tollgate: about 400 requests with made-up bearer strings at
 * {@code GET /api/books/1}, with no credentials at all, used to spend the {@code resource-server} client's
 * introspection budget at the auth server (300 a minute), after which every real opaque token got 503. Now the
 * attacker's strings are refused by the API itself (wrong shape) or stop at its address's budget, and the auth
 * server never refuses the API's introspection calls.
 */
class OpaqueTokenFloodIT extends TollgateApiTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void madeUpBearerStringsFromOneAddressCannotDenyRealOpaqueTokensToAnyoneElse() {
        LoopbackCaller attacker = new LoopbackCaller("http://localhost:" + port, "127.0.0.2");
        List<ApiResponse> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 200; attempt++) {
            answers.add(attacker.get("/api/books/1", "made-up-" + attempt));
        }
        for (int attempt = 0; attempt < 400; attempt++) {
            answers.add(attacker.get("/api/books/1", wellShapedRandomToken(),
                    Map.of("X-Forwarded-For", "203.0.113." + (attempt % 250))));
        }

        assertThat(answers).extracting(ApiResponse::status).containsOnly(401, 429);
        assertThat(answers.get(answers.size() - 1).status()).as("the attacker's address is out of budget").isEqualTo(429);

        String real = tokens.service("demo-service-opaque", "books.read");
        assertThat(api.get("/api/books/1", real).status()).as("a real opaque token from elsewhere").isEqualTo(200);
    }

    private static String wellShapedRandomToken() {
        byte[] random = new byte[96];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
