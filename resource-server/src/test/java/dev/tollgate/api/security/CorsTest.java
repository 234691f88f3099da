package dev.tollgate.api.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class CorsTest extends ApiTest {

    @Test
    void anAllowedBrowserAppMayPreflightAndThenCallWithItsToken() {
        ApiResponse preflight = api.exchange(HttpMethod.OPTIONS, "/api/books/1", headers -> {
            headers.setOrigin(BROWSER_APP);
            headers.setAccessControlRequestMethod(HttpMethod.PUT);
            headers.setAccessControlRequestHeaders(List.of("authorization", "content-type", "if-match"));
        }, null, null);

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(BROWSER_APP);
        assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("PUT");
        assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).containsIgnoringCase("if-match");
        assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();

        ApiResponse call = api.exchange(HttpMethod.GET, "/api/books/1", headers -> {
            headers.setOrigin(BROWSER_APP);
            headers.setBearerAuth(TOKENS.alice("books.read").sign());
        }, null, null);
        assertThat(call.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(BROWSER_APP);
        assertThat(call.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)).contains("ETag");
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() {
        ApiResponse preflight = api.exchange(HttpMethod.OPTIONS, "/api/books", headers -> {
            headers.setOrigin("https://evil.example");
            headers.setAccessControlRequestMethod(HttpMethod.GET);
        }, null, null);

        assertProblem(preflight, 403, "cors-rejected");
        assertThat(preflight.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }

    @Test
    void byDefaultNoOriginIsAllowed() throws Exception {
        ApiProperties defaults = new ApiProperties(null, new ApiProperties.Api(null, null, null,
                new ApiProperties.Cors(List.of()), null, null, null, null));
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/api/books");
        preflight.addHeader(HttpHeaders.ORIGIN, BROWSER_APP);
        preflight.addHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET");
        MockHttpServletResponse response = new MockHttpServletResponse();

        ApiCors.filter(defaults, JsonMapper.builder().build()).doFilter(preflight, response, new MockFilterChain());

        assertThat(response.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }
}
