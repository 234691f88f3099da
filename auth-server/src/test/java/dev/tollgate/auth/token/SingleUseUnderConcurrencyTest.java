package dev.tollgate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * README, Security, "Single use under concurrency": a code or refresh token sent in parallel requests succeeds at most
 * once, and a revocation (sign-out, {@code /oauth2/revoke}, reuse detection) that races a token request is never undone
 * by it. Each race is repeated, since one run may happen not to interleave.
 */
@AuthServerTest
class SingleUseUnderConcurrencyTest extends HttpTest {

    private static final int PARALLEL = 8;

    private static final int FAMILIES = 4;

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @RepeatedTest(5)
    void aCodeSentInParallelRequestsIsRedeemedOnceAndEveryTokenIssuedFromItIsRevoked() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Code code = grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password", "openid books.read");

            List<Reply> replies = Concurrently.times(PARALLEL, () -> grants.exchange(code));

            List<Reply> issued = replies.stream().filter(reply -> reply.status() == 200).toList();
            assertThat(issued).as("successful redemptions among %s", replies).hasSize(1);
            assertOnlyInvalidGrantBesides(issued, replies);
            assertFamilyRevoked(Client.DEMO_WEB, issued.get(0));
        }
    }

    @RepeatedTest(5)
    void aRefreshTokenSentInParallelRequestsIsUsedOnceAndTheReuseRevokesTheFamily() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");

        List<Reply> replies = Concurrently.times(PARALLEL,
                () -> grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")));

        List<Reply> issued = replies.stream().filter(reply -> reply.status() == 200).toList();
        assertThat(issued).as("successful refreshes among %s", replies).hasSize(1);
        assertOnlyInvalidGrantBesides(issued, replies);
        for (Reply refreshed : issued) {
            assertFamilyRevoked(Client.DEMO_WEB, refreshed);
        }
        assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
    }

    @RepeatedTest(10)
    void signingOutWhileTheSessionsClientsKeepRefreshingLeavesNoneOfItsTokensAlive() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            List<Reply> families = new ArrayList<>();
            for (int i = 0; i < FAMILIES; i++) {
                families.add(grants.exchange(grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password",
                        "books.read")));
            }
            HtmlPage signOutPage = browser.open("/logout");
            AtomicBoolean signedOut = new AtomicBoolean();
            List<Callable<Reply>> requests = new ArrayList<>();
            requests.add(() -> {
                // once the refreshes are under way, at a moment that differs from run to run
                Thread.sleep(ThreadLocalRandom.current().nextLong(20, 80));
                browser.click(signOutPage, "sign-out");
                signedOut.set(true);
                return null;
            });
            families.forEach(family -> requests.add(() -> refreshWhile(() -> !signedOut.get(), family)));

            List<Reply> newest = Concurrently.run(requests).subList(1, FAMILIES + 1);

            newest.forEach(tokens -> assertFamilyRevoked(Client.DEMO_WEB, tokens));
        }
    }

    @RepeatedTest(5)
    void revokingARefreshTokenWhileItIsUsedLeavesNoTokenOfItsFamilyAlive() throws Exception {
        List<Reply> families = aliceFamilies();
        List<Callable<Reply>> requests = new ArrayList<>();
        families.forEach(family -> requests.add(() -> grants.refresh(Client.DEMO_WEB, family.field("refresh_token"))));
        families.forEach(family -> requests.add(() -> grants.revoke(Client.DEMO_WEB, family.field("refresh_token"))));

        List<Reply> replies = Concurrently.run(requests);

        assertThat(replies.subList(FAMILIES, replies.size())).as("RFC 7009 answers")
                .allSatisfy(revoked -> assertThat(revoked.status()).isEqualTo(200));
        assertEveryFamilyRevoked(families, replies.subList(0, FAMILIES));
    }

    @RepeatedTest(5)
    void aReusedRefreshTokenRevokesTheFamilyEvenWhileItsNewestRefreshTokenIsUsed() throws Exception {
        List<Reply> stolen = aliceFamilies();
        List<Reply> rotated = new ArrayList<>();
        for (Reply family : stolen) {
            Reply next = grants.refresh(Client.DEMO_WEB, family.field("refresh_token"));
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            rotated.add(next);
        }
        List<Callable<Reply>> requests = new ArrayList<>();
        rotated.forEach(family -> requests.add(() -> grants.refresh(Client.DEMO_WEB, family.field("refresh_token"))));
        stolen.forEach(family -> requests.add(() -> grants.refresh(Client.DEMO_WEB, family.field("refresh_token"))));

        List<Reply> replies = Concurrently.run(requests);

        assertThat(replies.subList(FAMILIES, replies.size())).as("the reused tokens")
                .allSatisfy(reuse -> assertThat(reuse.field("error")).isEqualTo("invalid_grant"));
        assertEveryFamilyRevoked(rotated, replies.subList(0, FAMILIES));
    }

    /**
     * A client that refreshes again and again, until {@code going} turns false or a refresh is refused; answers the
     * newest tokens it holds, so that a revocation landing at any moment of a refresh is raced.
     */
    private Reply refreshWhile(BooleanSupplier going, Reply tokens) {
        Reply newest = tokens;
        for (int i = 0; i < 500 && going.getAsBoolean(); i++) {
            Reply next = grants.refresh(Client.DEMO_WEB, newest.field("refresh_token"));
            if (next.status() != 200) {
                assertThat(next.field("error")).as(next.toString()).isEqualTo("invalid_grant");
                return newest;
            }
            newest = next;
        }
        return newest;
    }

    private List<Reply> aliceFamilies() throws Exception {
        List<Reply> families = new ArrayList<>();
        for (int i = 0; i < FAMILIES; i++) {
            Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            families.add(tokens);
        }
        return families;
    }

    /**
     * Whatever a raced refresh answered, nothing of the family lives on afterwards. The tokens it issued are checked
     * first: presenting the family's rotated-out refresh token would itself revoke the family (reuse detection).
     */
    private void assertEveryFamilyRevoked(List<Reply> families, List<Reply> raced) {
        for (int i = 0; i < families.size(); i++) {
            Reply family = families.get(i);
            Reply refreshed = raced.get(i);
            if (refreshed.status() == 200) {
                assertFamilyRevoked(Client.DEMO_WEB, refreshed);
            }
            else {
                assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
                assertThat(refreshed.field("error")).isEqualTo("invalid_grant");
                assertFamilyRevoked(Client.DEMO_WEB, family);
            }
        }
    }

    private void assertFamilyRevoked(Client client, Reply tokens) {
        assertThat(grants.isActive(tokens.field("access_token"))).as("access token from %s", tokens).isFalse();
        Reply refresh = grants.refresh(client, tokens.field("refresh_token"));
        assertThat(refresh.field("error")).as("refresh token from %s", tokens).isEqualTo("invalid_grant");
    }

    private static void assertOnlyInvalidGrantBesides(List<Reply> issued, List<Reply> replies) {
        assertThat(replies).filteredOn(reply -> !issued.contains(reply)).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.field("error")).isEqualTo("invalid_grant");
        });
    }
}
