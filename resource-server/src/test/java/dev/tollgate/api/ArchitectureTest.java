package dev.tollgate.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;

import dev.tollgate.testsupport.FeaturePackages;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** How the resource server's packages may depend on each other: each one a feature, none in a circle. */
@AnalyzeClasses(packagesOf = ResourceServerApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInCircles =
            slices().assignedFrom(FeaturePackages.below("dev.tollgate.api")).should().beFreeOfCycles();

    /** Whoever needs the request is handed it (a filter, a handler method); nothing fetches it from the thread. */
    @ArchTest
    static final ArchRule onlyControllersReadTheCurrentRequest = noClasses()
            .that().areNotMetaAnnotatedWith(Controller.class).and().areNotMetaAnnotatedWith(ControllerAdvice.class)
            .should().dependOnClassesThat().areAssignableTo(RequestContextHolder.class);

    @ArchTest
    static final ArchRule theApiKeepsNoSessions = noClasses().should().dependOnClassesThat()
            .areAssignableTo(HttpSession.class);
}
