package dev.tollgate.auth.cluster;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** A request that takes a while ({@code GET /slow}), to be in flight when an instance is told to stop. */
@TestConfiguration(proxyBeanMethods = false)
class SlowRequest {

    static final String PATH = "/slow";

    static final CountDownLatch STARTED = new CountDownLatch(1);

    @Bean
    FilterRegistrationBean<?> slowRequestFilter() {
        FilterRegistrationBean<?> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            STARTED.countDown();
            try {
                Thread.sleep(1500);
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            response.getWriter().write("finished");
        });
        registration.addUrlPatterns(PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
