package dev.tollgate.auth.console;

import java.time.Clock;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.auth.mfa.RolesRequiringMfa;
import dev.tollgate.auth.user.UserRepository;

/**
 * The console's pages live under {@code /admin} in the hosted pages' filter chain (role ADMIN, a session, CSRF
 * tokens; {@code DefaultSecurityConfig}); {@code /admin/api/**} is the bearer-token API and not part of it.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig implements WebMvcConfigurer {

    private final FreshSignInForChanges freshSignIn;

    private final TwoFactorsForAdministrators twoFactors;

    ConsoleConfig(ConsoleProperties properties, Clock clock, UserRepository users, RolesRequiringMfa mfa) {
        this.freshSignIn = new FreshSignInForChanges(properties, clock, users);
        this.twoFactors = new TwoFactorsForAdministrators(mfa);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(twoFactors).addPathPatterns("/admin", "/admin/**").excludePathPatterns("/admin/api/**");
        registry.addInterceptor(freshSignIn).addPathPatterns("/admin", "/admin/**").excludePathPatterns("/admin/api/**");
    }
}
