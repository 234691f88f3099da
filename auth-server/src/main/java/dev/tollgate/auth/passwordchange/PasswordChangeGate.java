package dev.tollgate.auth.passwordchange;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a browser signed in with a temporary password on the page that replaces it: every other page, and every
 * authorization request (no code, no token before the change), leads there; a page asked for on the way is saved
 * and shown after the change. Signing out stays possible. Machine endpoints (token, introspection, JWKS, the admin
 * API ...) carry no browser session and pass. It reads only a session attribute that {@link PasswordChangeOnSignIn}
 * sets at sign-in, so it costs no query.
 */
final class PasswordChangeGate extends OncePerRequestFilter {

    static final String REQUIRED = PasswordChangeGate.class.getName() + ".REQUIRED";

    private static final List<String> OPEN_PREFIXES = List.of(PasswordChangeController.PATH, "/logout",
            "/connect/logout", "/css/", "/img/", "/favicon", "/error", "/oauth2/token", "/oauth2/introspect",
            "/oauth2/revoke", "/oauth2/jwks", "/.well-known/", "/userinfo", "/connect/register", "/actuator",
            "/admin/api/", "/scim/");

    private final RequestCache requestCache = new HttpSessionRequestCache();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(REQUIRED) == null || isOpen(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (HttpMethod.GET.matches(request.getMethod())) {
            requestCache.saveRequest(request, response);
        }
        response.sendRedirect(request.getContextPath() + PasswordChangeController.PATH);
    }

    private static boolean isOpen(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
