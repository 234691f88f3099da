package dev.tollgate.auth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.tollgate.testsupport.TestClock;

/** The auth server with the demo data on a random port; every test class using it shares one Spring context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import({TestClock.Config.class, TestMail.Config.class})
public @interface AuthServerTest {

    /** tollgate.issuer in application-test.yml. */
    String ISSUER = "http://auth.tollgate.test";

    /** tollgate.api.audience in application-test.yml. */
    String API_AUDIENCE = "http://api.tollgate.test";

    String DEMO_WEB_REDIRECT_URI = "http://localhost:8081/login/oauth2/code/tollgate";
}
