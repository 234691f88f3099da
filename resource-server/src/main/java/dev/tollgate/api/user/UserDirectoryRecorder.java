package dev.tollgate.api.user;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.api.security.Caller;

/**
 * Runs right after the bearer token is validated (put there by {@link UserDirectoryRecording}): every call with
 * a user's token enters or refreshes that user in the directory (see {@link UserSightings} for how often that
 * writes). Clients' own tokens describe no person and are not recorded.
 */
class UserDirectoryRecorder extends OncePerRequestFilter {

    private final UserSightings sightings;

    UserDirectoryRecorder(UserSightings sightings) {
        this.sightings = sightings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller.of(SecurityContextHolder.getContext().getAuthentication())
                .filter(Caller::isUser)
                .ifPresent(sightings::seen);
        chain.doFilter(request, response);
    }
}
