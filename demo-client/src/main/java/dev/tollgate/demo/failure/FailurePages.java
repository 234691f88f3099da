package dev.tollgate.demo.failure;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.demo.signin.SignInConfiguration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.ModelAndView;

/**
 * When Tollgate or the books API cannot help, the person sees what happened and what to do, never a stack
 * trace: unreachable services, a refused sign-in, a missing permission. A sign-in that can no longer be
 * renewed (refresh token expired or revoked) simply starts a new sign-in.
 */
@ControllerAdvice
class FailurePages {

    private static final Logger log = LoggerFactory.getLogger(FailurePages.class);

    private static final Set<String> SIGN_IN_AGAIN = Set.of(OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.INVALID_TOKEN);

    private static final String VIEW = "problem";

    private final RequestCache requestCache = new HttpSessionRequestCache();

    @ExceptionHandler(OAuth2AuthorizationException.class)
    ModelAndView tollgateRefused(OAuth2AuthorizationException failure, HttpServletRequest request,
            HttpServletResponse response) {
        if (failure instanceof ClientAuthorizationRequiredException
                || SIGN_IN_AGAIN.contains(failure.getError().getErrorCode())) {
            if (HttpMethod.GET.matches(request.getMethod())) {
                requestCache.saveRequest(request, response);
            }
            return new ModelAndView("redirect:" + SignInConfiguration.SIGN_IN_URL);
        }
        log.warn("Tollgate could not renew the access token: {}", failure.getError());
        return page(HttpStatus.SERVICE_UNAVAILABLE, "Tollgate is not answering",
                "Your sign-in could not be renewed because Tollgate, the sign-in service, is not reachable right now. "
                        + "Please try again in a moment.");
    }

    @ExceptionHandler(ResourceAccessException.class)
    ModelAndView booksApiUnreachable(ResourceAccessException failure) {
        log.warn("The books API is not reachable: {}", failure.getMessage());
        return page(HttpStatus.SERVICE_UNAVAILABLE, "The library is closed for a moment",
                "The book service is not reachable right now. Please try again in a moment.");
    }

    @ExceptionHandler(HttpServerErrorException.class)
    ModelAndView booksApiBroken(HttpServerErrorException failure) {
        log.warn("The books API failed: {}", failure.getStatusCode());
        return page(HttpStatus.BAD_GATEWAY, "The library is having trouble",
                "The book service could not answer just now. Please try again in a moment.");
    }

    @ExceptionHandler(HttpClientErrorException.Unauthorized.class)
    ModelAndView booksApiRejectedToken() {
        return page(HttpStatus.UNAUTHORIZED, "Please sign in again",
                "The book service did not accept your sign-in. Sign in with Tollgate again to continue.")
                .addObject("signInUrl", SignInConfiguration.SIGN_IN_URL);
    }

    @ExceptionHandler(HttpClientErrorException.Forbidden.class)
    ModelAndView booksApiForbidden() {
        return page(HttpStatus.FORBIDDEN, "You are not allowed to do that",
                "Your Tollgate account or the permissions you granted this app do not allow it.");
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
