package dev.tollgate.auth.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.auth.freshsignin.RecentSignIn;
import dev.tollgate.auth.mfa.RolesRequiringMfa;

/**
 * The console's pages live under {@code /admin} in the hosted pages' filter chain (role ADMIN, a session, CSRF
 * tokens; {@code DefaultSecurityConfig}); {@code /admin/api/**} is the bearer-token API and not part of it. Every
 * change (a POST) needs a sign-in younger than {@link ConsoleProperties#freshSignIn()}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig implements WebMvcConfigurer {

    private final HandlerInterceptor freshSignIn;

    private final TwoFactorsForAdministrators twoFactors;

    ConsoleConfig(ConsoleProperties properties, RecentSignIn freshSignIn, RolesRequiringMfa mfa) {
        this.freshSignIn = freshSignIn.forPosts(properties.freshSignIn(), ConsoleConfig::pageOf);
        this.twoFactors = new TwoFactorsForAdministrators(mfa);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(twoFactors).addPathPatterns("/admin", "/admin/**").excludePathPatterns("/admin/api/**");
        registry.addInterceptor(freshSignIn).addPathPatterns("/admin", "/admin/**").excludePathPatterns("/admin/api/**");
    }

    /**
     * The page whose form was posted: a console form posts to its page's path plus an action ({@code /rotate}), or
     * to the page itself when it creates something ({@code /admin/users/new}).
     */
    static String pageOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.endsWith("/new")) {
            return path;
        }
        int last = path.lastIndexOf('/');
        return last <= 0 ? path : path.substring(0, last);
    }
}
