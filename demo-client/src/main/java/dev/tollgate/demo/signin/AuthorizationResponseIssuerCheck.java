package dev.tollgate.demo.signin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RFC 9207 mix-up defence: an authorization response that names an issuer other than Tollgate is refused
 * before its code is redeemed. Spring Security ignores the {@code iss} parameter; a response without it
 * is let through, as the RFC allows for servers that do not send it.
 */
class AuthorizationResponseIssuerCheck extends OncePerRequestFilter {

    private static final String ISS = "iss";

    private final RequestMatcher authorizationResponse;

    private final String issuer;

    private final String failureUrl;

    AuthorizationResponseIssuerCheck(String callbackPattern, String issuer, String failureUrl) {
        this.authorizationResponse = PathPatternRequestMatcher.pathPattern(callbackPattern);
        this.issuer = issuer;
        this.failureUrl = failureUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String iss = request.getParameter(ISS);
        if (iss != null && !iss.equals(issuer) && authorizationResponse.matches(request)) {
            response.sendRedirect(request.getContextPath() + failureUrl);
            return;
        }
        chain.doFilter(request, response);
    }
}
