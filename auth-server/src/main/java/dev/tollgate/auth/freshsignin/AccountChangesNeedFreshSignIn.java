package dev.tollgate.auth.freshsignin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.auth.web.Pages;

/**
 * Adding a passkey and setting up TOTP on the account page need a sign-in younger than
 * {@link AccountSafetyProperties#freshSignIn()}: a stolen session cannot add a factor of the thief's own and so
 * outlive its sign-out. The passkey ceremony's script follows the redirect to the login page; the email address
 * ({@code account.profile}) and turning TOTP off without a password ({@code twofactor}) ask in their controllers,
 * since only some of their POSTs need it.
 */
@Configuration(proxyBeanMethods = false)
class AccountChangesNeedFreshSignIn implements WebMvcConfigurer {

    private final RecentSignIn freshSignIn;

    private final AccountSafetyProperties properties;

    AccountChangesNeedFreshSignIn(RecentSignIn freshSignIn, AccountSafetyProperties properties) {
        this.freshSignIn = freshSignIn;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(freshSignIn.forPosts(properties.freshSignIn(), request -> Pages.ACCOUNT))
                .addPathPatterns(Pages.ACCOUNT + "/passkeys/options", Pages.ACCOUNT + "/passkeys/register");
        registry.addInterceptor(freshSignIn.forPosts(properties.freshSignIn(), request -> Pages.TWO_FACTOR_SETUP))
                .addPathPatterns(Pages.TWO_FACTOR_SETUP + "/start", Pages.TWO_FACTOR_SETUP + "/confirm");
    }
}
