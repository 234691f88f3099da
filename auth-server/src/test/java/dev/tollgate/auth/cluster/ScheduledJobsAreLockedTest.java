package dev.tollgate.auth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ReflectionUtils;

import dev.tollgate.auth.support.AuthServerTest;

/** With several instances on one database, a job without a lock would run once per instance. */
@AuthServerTest
class ScheduledJobsAreLockedTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyScheduledJobOfTollgateTakesTheClusterWideLock() {
        List<String> unlocked = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = AopUtils.getTargetClass(context.getBean(name));
            if (!type.getName().startsWith("dev.tollgate.")) {
                continue;
            }
            Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type))
                    .filter(method -> AnnotatedElementUtils.hasAnnotation(method, Scheduled.class))
                    .filter(method -> !AnnotatedElementUtils.hasAnnotation(method, SchedulerLock.class))
                    .map(Method::toGenericString)
                    .forEach(unlocked::add);
        }
        assertThat(unlocked).as("@Scheduled methods without @SchedulerLock").isEmpty();
    }
}
