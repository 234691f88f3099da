package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.OAuth2User;

/** GitHub's public email counts as verified only when /user/emails says it is the primary, verified address. */
class GitHubUserServiceTest {

    private HttpServer github;

    private String emails;

    @BeforeEach
    void startFakeGitHub() throws IOException {
        github = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        github.createContext("/user", exchange -> {
            boolean emailsPath = exchange.getRequestURI().getPath().endsWith("/emails");
            boolean authorized = "Bearer gho_token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = !authorized ? "{}" : emailsPath ? emails
                    : "{\"id\": 4242, \"login\": \"octocat\", \"name\": \"Mona\", \"email\": \"public@example.com\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        github.start();
    }

    @AfterEach
    void stopFakeGitHub() {
        github.stop(0);
    }

    @Test
    void thePrimaryVerifiedAddressIsTheVerifiedEmail() {
        emails = """
                [{"email": "public@example.com", "primary": false, "verified": false},
                 {"email": "mona@example.com", "primary": true, "verified": true}]""";
        OAuth2User user = new GitHubUserService().loadUser(request());
        assertThat(user.getName()).isEqualTo("4242");
        assertThat(user.<String>getAttribute("email")).isEqualTo("mona@example.com");
        assertThat(user.<Boolean>getAttribute("email_verified")).isTrue();
    }

    @Test
    void withoutAPrimaryVerifiedAddressThePublicEmailStaysUnverified() {
        emails = """
                [{"email": "public@example.com", "primary": true, "verified": false}]""";
        OAuth2User user = new GitHubUserService().loadUser(request());
        assertThat(user.<String>getAttribute("email")).isEqualTo("public@example.com");
        assertThat(user.<Boolean>getAttribute("email_verified")).isFalse();
    }

    private OAuth2UserRequest request() {
        ClientRegistration registration = CommonOAuth2Provider.GITHUB.getBuilder("github")
                .clientId("client")
                .clientSecret("secret")
                .userInfoUri("http://localhost:" + github.getAddress().getPort() + "/user")
                .build();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "gho_token",
                Instant.now(), Instant.now().plusSeconds(60));
        return new OAuth2UserRequest(registration, token);
    }
}
