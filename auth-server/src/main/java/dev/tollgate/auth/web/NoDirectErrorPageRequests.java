package dev.tollgate.auth.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards failures; requested directly it has no failure to describe, and
 * Spring Boot would answer 500. A direct request is simply not found.
 */
@Component
class NoDirectErrorPageRequests extends OncePerRequestFilter {

    private static final String ERROR_PATH = "/error";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(ERROR_PATH) && !path.startsWith(ERROR_PATH + "/") && !path.startsWith(ERROR_PATH + ";");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }
}
