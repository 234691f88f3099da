package dev.tollgate.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.Order;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;

import dev.tollgate.auth.authorization.HashedAuthorizationService;
import dev.tollgate.testsupport.FeaturePackages;

/** How the auth server's packages may depend on each other: the rules a new feature has to fit into. */
class ArchitectureTest {

    private static final String STORE = "dev.tollgate.auth.authorization..";

    private static final JavaClasses AUTH_SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.auth");

    // the tables of the authorization store: token_authorization and the refresh tokens rotated out of its rows
    private static final Pattern AUTHORIZATION_TABLES = Pattern.compile("\\b(token_authorization|rotated_refresh_token)\\b");

    @Test
    void packagesDoNotDependOnEachOtherInCircles() {
        slices().assignedFrom(FeaturePackages.below("dev.tollgate.auth")).should().beFreeOfCycles().check(AUTH_SERVER);
    }

    /** Code below the web layer gets the request handed to it, or nothing. */
    @Test
    void onlyTheWebLayerReadsTheRequestOfTheThread() {
        noClasses().that().resideOutsideOfPackage("dev.tollgate.auth.web..")
                .should().dependOnClassesThat().belongToAnyOf(RequestContextHolder.class)
                .check(AUTH_SERVER);
    }

    @Test
    void theStoreNeverReadsTheHttpRequestOrSession() {
        noClasses().that().resideInAPackage(STORE)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..",
                        "org.springframework.web.context.request..")
                .check(AUTH_SERVER);
    }

    @Test
    void featuresUseTheStoreThroughWhatTheyDoWithIt() {
        noClasses().that().resideOutsideOfPackage(STORE)
                .should().dependOnClassesThat().belongToAnyOf(HashedAuthorizationService.class)
                .because("outside the store, token families are TokenFamilies and authorizations OAuth2AuthorizationService")
                .check(AUTH_SERVER);
    }

    @Test
    void onlyTheOutboxTalksToTheMailServer() {
        noClasses().that().resideOutsideOfPackage("dev.tollgate.auth.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "jakarta.mail..")
                .because("mail is queued with mail.MailOutbox in the caller's transaction, never sent from a request")
                .check(AUTH_SERVER);
    }

    @Test
    void everySecurityFilterChainHasAnOrderOfItsOwn() {
        List<Integer> orders = AUTH_SERVER.stream()
                .flatMap(type -> type.getMethods().stream())
                .filter(method -> method.getRawReturnType().isEquivalentTo(SecurityFilterChain.class))
                .map(method -> method.getAnnotationOfType(Order.class).value())
                .toList();
        assertThat(orders).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheStoreNamesTheAuthorizationTables() throws IOException {
        Path sources = Path.of("src/main/java");
        Path store = sources.resolve("dev/tollgate/auth/authorization");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> outside = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(store))
                    .filter(file -> AUTHORIZATION_TABLES.matcher(read(file)).find())
                    .toList();
            assertThat(outside).as("SQL on the authorization tables outside %s", store).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
