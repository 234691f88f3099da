package dev.tollgate.auth.ratelimit;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The 429 answer: {@code Retry-After} always, an OAuth error body on protocol endpoints, a short page on sign-in. */
final class TooManyRequests {

    private TooManyRequests() {
    }

    static void oauthError(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = seconds(retryAfter);
        start(response, seconds, MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
                + "\"Too many requests. Retry after " + seconds + " seconds.\"}");
    }

    static void page(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = seconds(retryAfter);
        start(response, seconds, MediaType.TEXT_HTML_VALUE);
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many "
                + "attempts · Tollgate</title><link rel=\"stylesheet\" href=\"/css/tollgate.css\"></head><body><main "
                + "class=\"card\"><h1>Too many sign-in attempts</h1><p>Wait " + seconds + " seconds, then go back and "
                + "try again.</p></main></body></html>");
    }

    private static void start(HttpServletResponse response, long retryAfterSeconds, String contentType) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
    }

    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
