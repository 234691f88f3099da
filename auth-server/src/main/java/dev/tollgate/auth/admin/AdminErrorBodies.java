package dev.tollgate.auth.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error of the admin plane where Spring MVC does not (the security filters, and errors the framework
 * reports with {@code sendError}): on {@code /scim/v2} in the SCIM error schema (RFC 7644 §3.12,
 * {@code application/scim+json}), everywhere else as an RFC 9457 problem ({@code application/problem+json}).
 */
@Component
public class AdminErrorBodies {

    /** RFC 7644 §3.12. */
    public static final String SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** RFC 7644 §3.1. */
    public static final String SCIM_JSON = "application/scim+json";

    private final JsonMapper json;

    public AdminErrorBodies(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (AdminPaths.isScim(request)) {
            response.setContentType(SCIM_JSON);
            body.put("schemas", List.of(SCIM_ERROR_SCHEMA));
            body.put("status", String.valueOf(status.value()));
            body.put("detail", detail);
        }
        else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // no "type": RFC 9457 §4.2.1 reads its absence as about:blank, as Spring MVC writes its problems
            body.put("title", status.getReasonPhrase());
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
        }
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
