package dev.tollgate.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.problem.ProblemType;

/**
 * Cross-origin access for browser apps: only the configured origins ({@code tollgate.api.cors.allowed-origins}),
 * none by default. Bearer tokens travel in a header, never in cookies, so credentials stay off. A request from
 * another origin is refused with a problem body.
 */
final class ApiCors {

    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(30);

    private ApiCors() {
    }

    static CorsFilter filter(ApiProperties properties, JsonMapper json) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.api().cors().allowedOrigins();
        if (!origins.isEmpty()) {
            source.registerCorsConfiguration("/api/**", configuration(origins));
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(json));
        return filter;
    }

    private static CorsConfiguration configuration(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH));
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.WWW_AUTHENTICATE,
                HttpHeaders.RETRY_AFTER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(PREFLIGHT_CACHE);
        return cors;
    }

    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final JsonMapper json;

        ProblemCorsProcessor(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(json.writeValueAsBytes(
                    ProblemType.CORS_REJECTED.problem("This origin may not call the API from a browser")));
            response.flush();
        }
    }
}
