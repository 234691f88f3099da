package dev.tollgate.auth.ratelimit;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import dev.tollgate.auth.web.RetryLaterAnswer;

/** The 429 answer: {@code Retry-After} always, an OAuth error body on protocol endpoints, a short page on a form. */
final class TooManyRequests {

    private TooManyRequests() {
    }

    static void oauthError(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = seconds(retryAfter);
        RetryLaterAnswer.oauthError(response, HttpStatus.TOO_MANY_REQUESTS, seconds,
                "Too many requests. Retry after " + seconds + " seconds.");
    }

    static void page(HttpServletResponse response, Duration retryAfter, String heading) throws IOException {
        long seconds = seconds(retryAfter);
        RetryLaterAnswer.page(response, HttpStatus.TOO_MANY_REQUESTS, seconds, "Too many attempts",
                heading, "Wait " + seconds + " seconds, then go back and try again.");
    }

    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
