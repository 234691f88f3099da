package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** Several users claiming one new email address on their account pages at the same moment: one of them gets it. */
@AuthServerTest
class ParallelEmailChangesTest extends HttpTest {

    private static final int USERS = 4;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    @RepeatedTest(3)
    void oneOfTheParallelChangesToOneAddressWins() throws Exception {
        String contested = "contested-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        TestUsers testUsers = new TestUsers(users, passwords);
        List<Browser> browsers = new ArrayList<>();
        List<Callable<HtmlPage>> saves = new ArrayList<>();
        try {
            for (int i = 0; i < USERS; i++) {
                TollgateUser user = testUsers.create("parallel-email");
                Browser browser = new Browser(http.baseUrl());
                browsers.add(browser);
                browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
                HtmlPage account = browser.open(AccountController.PATH);
                HtmlForm form = account.getHtmlElementById("profile-form");
                form.getInputByName("email").setValue(contested);
                saves.add(() -> browser.click(account, "save-profile"));
            }

            List<HtmlPage> answers = Concurrently.run(saves);

            assertThat(answers).filteredOn(page -> page.getElementById("account-notice") != null).hasSize(1);
            assertThat(answers).filteredOn(page -> page.getElementById("account-error") != null)
                    .hasSize(USERS - 1)
                    .allSatisfy(page -> assertThat(page.getElementById("account-error").asNormalizedText())
                            .isEqualTo("That email address belongs to another account."));
            assertThat(jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = ?").param(contested)
                    .query(Long.class).single()).isEqualTo(1);
        }
        finally {
            browsers.forEach(Browser::close);
        }
    }
}
