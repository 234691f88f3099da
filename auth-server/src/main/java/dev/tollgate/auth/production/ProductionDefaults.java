package dev.tollgate.auth.production;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.tollgate.auth.mfa.MfaProperties;
import dev.tollgate.auth.mfa.RolesRequiringMfa;

/** Settings whose default is stricter in production ({@link ProductionMode}) than in a local run. */
@Configuration(proxyBeanMethods = false)
class ProductionDefaults {

    @Bean
    RolesRequiringMfa rolesRequiringMfa(MfaProperties mfa, ProductionProperties production, Environment environment) {
        return new RolesRequiringMfa(mfa, ProductionMode.isOn(production, environment));
    }
}
