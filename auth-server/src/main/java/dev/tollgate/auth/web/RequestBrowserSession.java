package dev.tollgate.auth.web;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.tollgate.auth.authorization.CurrentBrowserSession;
import dev.tollgate.auth.session.BrowserSession;

/**
 * The session of the request this thread serves. Spring Authorization Server saves an authorization without handing
 * the store the request, so the request is taken from where Spring MVC and Spring Security keep it for the thread.
 */
@Component
class RequestBrowserSession implements CurrentBrowserSession {

    @Override
    public Optional<String> digest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? BrowserSession.digestOf(attributes.getRequest()) : Optional.empty();
    }
}
