package dev.tollgate.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver must decide exactly as Spring Security's default one does, only faster. */
class AuthorizationHeaderTokenResolverTest {

    private final BearerTokenResolver ours = new AuthorizationHeaderTokenResolver();
    private final BearerTokenResolver stock = new DefaultBearerTokenResolver();

    static Stream<String> headers() {
        char[] kilobyte = new char[1024];
        Arrays.fill(kilobyte, 'a');
        return Stream.concat(Stream.of((String) null), Stream.of("", "Basic ZGVtbzpzZWNyZXQ=", "Bearer", "Bearer ", "Bearerabc",
                "bearer abc", "BEARER abc.def.ghi", "Bearer abc==", "Bearer abc=def", "Bearer =", "Bearer  abc",
                "Bearer\tabc", "Bearer abc ", "Bearer a b", "Bearer -._~+/09azAZ", "Bearer abc!", "Bearer ab%63",
                "Bearer é", "Bearer abc\u0000", "DPoP abc", "Bearer " + new String(kilobyte)));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void decidesAsTheDefaultResolverDoes(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books/1");
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }

        assertThat(outcome(ours, request)).isEqualTo(outcome(stock, request));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void neverReadsATokenFromTheQueryString(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/books/1");
        request.setQueryString("access_token=abc");
        request.addParameter("access_token", "abc");
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }

        assertThat(outcome(ours, request)).isEqualTo(outcome(stock, request));
    }

    private static List<String> outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return Arrays.asList("token", resolver.resolve(request));
        } catch (OAuth2AuthenticationException rejected) {
            return List.of("rejected", rejected.getError().getErrorCode(), String.valueOf(rejected.getError().getDescription()));
        }
    }
}
