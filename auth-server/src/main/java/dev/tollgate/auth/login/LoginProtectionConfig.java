package dev.tollgate.auth.login;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.user.TollgateUserDetailsService;
import dev.tollgate.auth.user.UserRepository;

@Configuration(proxyBeanMethods = false)
class LoginProtectionConfig {

    static final String LOCKED_PAGE = "/login?locked";
    static final String FAILED_PAGE = "/login?error";

    /**
     * The one provider of the global authentication manager, which the sign-in form uses. The password check
     * hashes a dummy password for unknown usernames (Spring Security's timing protection), re-hashes a password
     * whose hash is outdated, and checks whether the account is disabled only after the password, so that a
     * disabled account answers like a wrong password, in the same time. Pages other than the sign-in form that
     * check a user's password use this bean too, so that every password guess counts in the one lockout.
     */
    @Bean
    ThrottledLogin userAuthenticationProvider(TollgateUserDetailsService users, PasswordEncoder encoder,
            LoginFailures failures, Clock clock, UserRepository userRepository, AuditLog audit,
            SecondFactors secondFactors) {
        DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
        passwordCheck.setPasswordEncoder(encoder);
        passwordCheck.setUserDetailsPasswordService(users);
        passwordCheck.setPreAuthenticationChecks(user -> {
        });
        passwordCheck.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return new ThrottledLogin(passwordCheck, failures, clock, userRepository, audit, secondFactors);
    }

    @Bean
    AuthenticationFailureHandler loginFailureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl(FAILED_PAGE);
        handler.setExceptionMappings(Map.of(LoginLockedException.class.getName(), LOCKED_PAGE));
        return handler;
    }
}
