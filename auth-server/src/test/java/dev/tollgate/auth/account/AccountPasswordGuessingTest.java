package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The password form of the account page is no side door for guessing: a wrong current password counts in the
 * sign-in lockout (application-hardened.yml: 3 per account), which then refuses even the right one, there and on the
 * sign-in page.
 */
@HardenedAuthServerTest
class AccountPasswordGuessingTest {

    private static final int MAX_FAILURES_PER_ACCOUNT = 3;

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void wrongCurrentPasswordsLockTheAccountLikeWrongSignIns() throws Exception {
        TollgateUser user = new TestUsers(users, passwords).create("guessing");
        String tollgate = "http://localhost:" + port;
        try (Browser thief = new Browser(tollgate).behindProxy(ClientAddresses.next())) {
            thief.signIn(thief.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage account = thief.open(AccountController.PATH);
            for (int guess = 1; guess < MAX_FAILURES_PER_ACCOUNT; guess++) {
                account = AccountPasswordChangeTest.change(thief, account, "guess number " + guess,
                        AccountPasswordChangeTest.NEW_PASSWORD, AccountPasswordChangeTest.NEW_PASSWORD);
                assertThat(AccountPasswordChangeTest.error(account)).contains("not right");
            }
            account = AccountPasswordChangeTest.change(thief, account, "the last guess",
                    AccountPasswordChangeTest.NEW_PASSWORD, AccountPasswordChangeTest.NEW_PASSWORD);
            assertThat(AccountPasswordChangeTest.error(account)).startsWith("Too many wrong passwords");

            account = AccountPasswordChangeTest.change(thief, account, TestUsers.PASSWORD,
                    AccountPasswordChangeTest.NEW_PASSWORD, AccountPasswordChangeTest.NEW_PASSWORD);
            assertThat(AccountPasswordChangeTest.error(account)).startsWith("Too many wrong passwords");
        }
        try (Browser owner = new Browser(tollgate).behindProxy(ClientAddresses.next())) {
            HtmlPage locked = owner.signIn(owner.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(locked.getUrl().toString()).endsWith("/login?locked");
        }
    }
}
