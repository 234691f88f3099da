package dev.tollgate.api.limits;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

import dev.tollgate.api.ApiProperties;

/** The callers' {@link IntrospectionBudget}, in the API's database, and the deletion of the budgets that are full. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntrospectionBudgetConfig {

    @Bean
    IntrospectionBudget introspectionBudget(ApiProperties properties, DataSource database, Clock clock) {
        ApiProperties.Introspection introspection = properties.api().introspection();
        return new IntrospectionBudget(introspection.unknownTokensPerAddress(), introspection.unknownTokensPeriod(),
                database, clock);
    }

    /**
     * Once per budget period, on every instance: a budget fills up again within a period of its last use, so the
     * table holds about the callers of the last two periods. The API has no cluster-wide lock (ShedLock) and needs
     * none here: instances deleting at once delete each full row once between them, and a row an instance is writing
     * is locked until its new expiry is stored.
     */
    @Bean
    SchedulingConfigurer fullBudgetCleanup(IntrospectionBudget budget, ApiProperties properties) {
        Duration period = properties.api().introspection().unknownTokensPeriod();
        return tasks -> tasks.addFixedDelayTask(new FixedDelayTask(budget::deleteFullBudgets, period, period));
    }
}
