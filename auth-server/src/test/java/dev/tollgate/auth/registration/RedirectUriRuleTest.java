package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUriRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback", "https://app.example.com:8443/cb?tenant=1",
            "http://127.0.0.1:8765/callback", "http://localhost:8081/login/oauth2/code/tollgate",
            "http://[::1]:9999/cb", "HTTPS://APP.EXAMPLE.COM/cb"})
    void httpsAndLoopbackHttpRedirectUrisAreAccepted(String redirectUri) {
        assertThat(RedirectUriRule.accepts(redirectUri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/callback", "https://app.example.com/cb#fragment",
            "https://app.example.com/cb#", "https://user@app.example.com/cb", "javascript:alert(1)",
            "data:text/html,hi", "com.example.app:/callback", "/callback", "//app.example.com/cb", "https:///cb",
            "http://127.0.0.1.evil.example/cb", "http://localhost.evil.example/cb", "https://app.example.com/a b", ""})
    void anyOtherRedirectUriIsRefused(String redirectUri) {
        assertThat(RedirectUriRule.accepts(redirectUri)).isFalse();
    }
}
