package dev.tollgate.auth.console;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.tollgate.auth.mfa.RolesRequiringMfa;
import dev.tollgate.auth.web.Pages;

/**
 * The console for a user whose role needs two factors ({@code tollgate.mfa.required-roles}, {@code ADMIN} in
 * production) opens only after two: a sign-in with one is sent to prove (or set up) the second, and back to the page
 * after it. The same rule as for the tokens of the admin API, which the authorization endpoint applies.
 */
class TwoFactorsForAdministrators implements HandlerInterceptor {

    private final RolesRequiringMfa roles;

    private final RequestCache requestCache = new HttpSessionRequestCache();

    TwoFactorsForAdministrators(RolesRequiringMfa roles) {
        this.roles = roles;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Principal principal = request.getUserPrincipal();
        if (!(principal instanceof Authentication signIn) || !roles.lackSecondFactor(signIn)) {
            return true;
        }
        if (HttpMethod.GET.matches(request.getMethod())) {
            requestCache.saveRequest(request, response);
        }
        response.sendRedirect(request.getContextPath() + Pages.TWO_FACTOR);
        return false;
    }
}
