package dev.tollgate.auth.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the hosted pages: the first of a client's {@code ui_locales} that Tollgate speaks (OIDC Core
 * 3.1.2.1), else the browser's {@code Accept-Language}, else English. A client sends {@code ui_locales} on the
 * authorization request, and the pages of that sign-in (login, second factor, consent) come later, so the choice is
 * kept in the browser's session until another {@code ui_locales} replaces it.
 */
@Configuration(proxyBeanMethods = false)
public class PageLocales {

    /** The languages of the message bundles ({@code messages/*.properties} is English). */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    static final String UI_LOCALES = "ui_locales";

    static final String SESSION_ATTRIBUTE = "tollgate.ui_locale";

    /** Ahead of Spring Security (-100): the authorization endpoint never reaches the dispatcher servlet. */
    private static final int BEFORE_SECURITY = -103;

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver browserLanguage = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                HttpSession session = request.getSession(false);
                if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof String chosen) {
                    return Locale.forLanguageTag(chosen);
                }
                return super.resolveLocale(request);
            }
        };
        browserLanguage.setSupportedLocales(SUPPORTED);
        browserLanguage.setDefaultLocale(Locale.ENGLISH);
        return browserLanguage;
    }

    @Bean
    FilterRegistrationBean<UiLocalesParameter> uiLocalesParameter() {
        FilterRegistrationBean<UiLocalesParameter> registration = new FilterRegistrationBean<>(new UiLocalesParameter());
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }

    /** Remembers the first supported language of a GET request's {@code ui_locales}; unknown tags are ignored. */
    static final class UiLocalesParameter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String query = request.getQueryString();
            if ("GET".equals(request.getMethod()) && query != null && query.contains(UI_LOCALES)) {
                String requested = request.getParameter(UI_LOCALES);
                if (requested != null) {
                    firstSupported(requested).ifPresent(language ->
                            request.getSession().setAttribute(SESSION_ATTRIBUTE, language));
                }
            }
            chain.doFilter(request, response);
        }

        static Optional<String> firstSupported(String uiLocales) {
            for (String tag : uiLocales.trim().split("\\s+")) {
                String language = Locale.forLanguageTag(tag).getLanguage();
                if (SUPPORTED.stream().anyMatch(supported -> supported.getLanguage().equals(language))) {
                    return Optional.of(language);
                }
            }
            return Optional.empty();
        }
    }
}
