package dev.tollgate.auth.federation;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Social login exists only when at least one upstream provider is switched on: no provider, no side effects. */
class UpstreamProvidersConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean any = Binder.get(context.getEnvironment())
                .bind("tollgate.federation", FederationProperties.class)
                .map(properties -> !properties.enabledProviders().isEmpty())
                .orElse(false);
        return any ? ConditionOutcome.match("an upstream provider has a client id")
                : ConditionOutcome.noMatch("no upstream provider has a client id");
    }
}
