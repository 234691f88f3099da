package dev.tollgate.api.support;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Every error is RFC 9457 problem+json with a stable type under tollgate.dev/problems. */
    public static void assertProblem(ApiResponse response, int status, String typeSlug) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).isNotNull();
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.text("type")).isEqualTo("https://tollgate.dev/problems/" + typeSlug);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.text("title")).isNotBlank();
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.body().toString()).doesNotContain("Exception", "\tat ");
    }
}
